#include "core/stage.hpp"

#include <doctest/doctest.h>

using namespace siren;

TEST_CASE("every stage has a name that parses back") {
    for (stage s : all_stages)
        CHECK(parse_stage(to_string(s)) == s);
    CHECK_FALSE(parse_stage("fixed"));
    CHECK_FALSE(parse_stage(""));
}

TEST_CASE("working stages move freely among themselves, never back to declared") {
    const stage working[] = {stage::investigating, stage::identified, stage::monitoring};
    for (stage from : {stage::declared, stage::investigating, stage::identified, stage::monitoring})
        for (stage to : working)
            CHECK(check_transition(from, to).has_value() == (from != to));
    for (stage from : working)
        CHECK(check_transition(from, stage::declared).error() ==
              "an incident cannot go back to declared");
}

TEST_CASE("every open stage may resolve; only resolved may close") {
    for (stage from : all_stages) {
        CHECK(check_transition(from, stage::resolved).has_value() == is_open(from));
        CHECK(check_transition(from, stage::closed).has_value() == (from == stage::resolved));
    }
    CHECK(check_transition(stage::monitoring, stage::closed).error() ==
          "resolve the incident before closing it");
}

TEST_CASE("a resolved or closed incident only moves by reopening") {
    CHECK(check_transition(stage::resolved, stage::investigating).error() ==
          "the incident is resolved; reopen it to move it back to investigating");
    CHECK(check_transition(stage::closed, stage::monitoring).error() ==
          "the incident is closed; reopen it first");
    CHECK(check_transition(stage::resolved, stage::resolved).error() ==
          "the incident is already resolved");
    CHECK(check_reopen(stage::resolved));
    CHECK(check_reopen(stage::closed));
    CHECK(check_reopen(stage::monitoring).error() == "the incident is still open (monitoring)");
}

TEST_CASE("the whole transition table") {
    // Rows: from; columns: to (declared, investigating, identified, monitoring, resolved, closed).
    constexpr bool allowed[6][6] = {
        {false, true, true, true, true, false},     // declared
        {false, false, true, true, true, false},    // investigating
        {false, true, false, true, true, false},    // identified
        {false, true, true, false, true, false},    // monitoring
        {false, false, false, false, false, true},  // resolved
        {false, false, false, false, false, false}, // closed
    };
    for (int f = 0; f < 6; ++f)
        for (int t = 0; t < 6; ++t)
            CHECK_MESSAGE(check_transition(all_stages[f], all_stages[t]).has_value() ==
                              allowed[f][t],
                          to_string(all_stages[f]), " → ", to_string(all_stages[t]));
}
