#include "tests/unit/config/config_test_support.hpp"

#include <doctest/doctest.h>

using namespace siren;
using namespace siren::config::testing;

TEST_CASE("config: slack.timeline_reaction defaults to pushpin, takes colons, and can be off") {
    CHECK(load_with_severities("slack: {}\n").values.slack.timeline_reaction == "pushpin");
    CHECK(load_with_severities("slack: {timeline_reaction: round_pushpin}\n")
              .values.slack.timeline_reaction == "round_pushpin");
    CHECK(load_with_severities("slack: {timeline_reaction: \":+1:\"}\n")
              .values.slack.timeline_reaction == "+1");
    const auto off = load_with_severities("slack: {timeline_reaction: \"\"}\n");
    CHECK_MESSAGE(off.problems.empty(), all(off));
    CHECK(off.values.slack.timeline_reaction.empty());
}

TEST_CASE("config: a slack.timeline_reaction that is no reaction name is refused") {
    const auto l = load_with_severities("slack:\n  timeline_reaction: Push Pin\n");
    REQUIRE_MESSAGE(l.problems.size() == 1, all(l));
    CHECK(to_string(l.problems[0]) ==
          "siren.yaml:2: slack.timeline_reaction: expected a reaction name such as pushpin "
          "(lower-case letters, digits, _ + - '), or \"\" for none, got `Push Pin`");
    CHECK(l.values.slack.timeline_reaction == "pushpin");
}
