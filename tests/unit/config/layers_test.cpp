// Rotation layers: what a valid one turns into, and how each malformed form is reported.

#include "config_test_support.hpp"

#include <doctest/doctest.h>

using namespace siren;
using namespace siren::config;
using namespace siren::config::testing;
using namespace std::chrono_literals;

namespace {

constexpr std::string_view people = R"(people:
  - {handle: alice}
  - {handle: bob}
  - {handle: carol}
  - {handle: frank}
)";

loaded load_rotations(std::string_view rotations) {
    return load_with_severities(std::string(people) + std::string(rotations));
}

} // namespace

TEST_CASE("config: a layered rotation loads, taking what its layers leave out from it") {
    const auto l = load_rotations(R"(rotations:
  - name: eoc
    members: [alice, bob]
    length: 2w
    handover: {weekday: tuesday, time: "10:00"}
    time_zone: Europe/Berlin
    start: 2026-01-06
    layers:
      - name: business-hours
        members: [carol, frank]
        length: 1d
        handover: {weekday: monday, time: "09:00"}
        start: 2026-01-05
        restrict:
          days: [mon, Tue, wednesday, thu, fri]
          from: "09:00"
          until: "17:00"
      - name: nights
        members: [bob]
        restrict: {from: "22:00", until: "06:00"}
      - name: always
        members: [alice]
)");
    REQUIRE_MESSAGE(l.ok(), all(l));
    const auto* eoc = l.values.find_rotation("eoc");
    REQUIRE(eoc);
    REQUIRE(eoc->layers.size() == 3);

    const auto& business = eoc->layers[0];
    CHECK(business.name == "business-hours");
    CHECK(business.members == std::vector<std::string>{"carol", "frank"});
    CHECK(business.length == std::chrono::days{1});
    CHECK(business.handover_day == std::chrono::Monday);
    CHECK(business.handover_time == 9h);
    CHECK(business.start == std::chrono::sys_days{2026y / 1 / 5});
    REQUIRE(business.restriction);
    CHECK(business.restriction->weekdays == 0b0111110);
    CHECK(business.restriction->from == 9h);
    CHECK(business.restriction->until == 17h);

    const auto& nights = eoc->layers[1];
    CHECK(nights.length == std::chrono::days{14});
    CHECK(nights.handover_day == std::chrono::Tuesday);
    CHECK(nights.handover_time == 10h);
    CHECK(nights.start == std::chrono::sys_days{2026y / 1 / 6});
    REQUIRE(nights.restriction);
    CHECK(nights.restriction->weekdays == 0x7f);
    CHECK(nights.restriction->from == 22h);
    CHECK(nights.restriction->until == 6h);

    CHECK_FALSE(eoc->layers[2].restriction);

    // describe() writes them back in a form that loads to the same settings.
    const auto text = describe(l.values);
    CHECK(text.find("days: [mon, tue, wed, thu, fri]") != std::string::npos);
    const auto again = load(text);
    for (const auto& p : again.problems)
        CHECK_MESSAGE(p.message.find("secrets do not belong in the config file") == 0,
                      to_string(p));
    CHECK(describe(again.values) == text);
}

TEST_CASE("config: malformed layers") {
    const auto l = load_rotations(R"(rotations:
  - name: eoc
    members: [alice, bob]
    start: 2026-01-05
    layers:
      - name: business-hours
        members: [carol, frnak]
        lenght: 1d
        restrict:
          days: [mon, tues, funday, mon]
          from: "9am"
          until: "24:00"
          form: "09:00"
      - name: business-hours
        members: [frank]
      - members: []
      - name: Weekend
        members: [alice]
        handover: {weekday: tuesday}
        restrict: {days: []}
  - name: pd
    source: pagerduty
    external_id: P123
    layers:
      - name: nights
        members: [alice]
)");
    const std::vector<std::string> expected = {
        "siren.yaml:12: rotations[0].layers[0].members[1]: unknown person `frnak`; did you mean "
        "`frank`?",
        "siren.yaml:13: rotations[0].layers[0].lenght: unknown key `lenght`; did you mean "
        "`length`?",
        "siren.yaml:15: rotations[0].layers[0].restrict.days[1]: expected a weekday (mon to sun, "
        "or monday to sunday), got `tues`; did you mean `tue`?",
        "siren.yaml:15: rotations[0].layers[0].restrict.days[2]: expected a weekday (mon to sun, "
        "or monday to sunday), got `funday`; did you mean `sunday`?",
        "siren.yaml:15: rotations[0].layers[0].restrict.days[3]: `mon` is listed twice",
        "siren.yaml:16: rotations[0].layers[0].restrict.from: expected a time of day from 00:00 "
        "to 23:59, got `9am`",
        "siren.yaml:17: rotations[0].layers[0].restrict.until: expected a time of day from 00:00 "
        "to 23:59, got `24:00`",
        "siren.yaml:18: rotations[0].layers[0].restrict.form: unknown key `form`; did you mean "
        "`from`?",
        "siren.yaml:19: rotations[0].layers[1].name: duplicate layer `business-hours`; first "
        "defined on line 11",
        "siren.yaml:21: rotations[0].layers[2].name: a layer needs a name, e.g. `name: "
        "business-hours`",
        "siren.yaml:21: rotations[0].layers[2].members: must list at least one person, e.g. "
        "`members: [carol, frank]`",
        "siren.yaml:22: rotations[0].layers[3].name: `Weekend` is not a valid layer name: use "
        "lower-case letters, digits, '.', '_' and '-'",
        "siren.yaml:22: rotations[0].layers[3].start: starts on a monday (the rotation's start) "
        "but hands over on tuesdays; pick a start date on that weekday or change "
        "handover.weekday",
        "siren.yaml:25: rotations[0].layers[3].restrict.days: must list at least one day; leave "
        "`days` out for every day",
        "siren.yaml:30: rotations[1].layers: a rotation with source pagerduty keeps its layers in "
        "the external schedule; remove `layers`",
    };
    REQUIRE_MESSAGE(l.problems.size() == expected.size(), all(l));
    for (std::size_t i = 0; i < expected.size(); ++i)
        CHECK(to_string(l.problems[i]) == expected[i]);
}
