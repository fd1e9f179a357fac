#include "core/rotation.hpp"

#include <doctest/doctest.h>

using namespace siren;
using namespace std::chrono_literals;
using std::chrono::February;
using std::chrono::January;
using std::chrono::March;

namespace {

time_point at(std::string_view iso) {
    return parse_iso8601(iso).value();
}

// "alice 2026-03-16T08:00:00Z..2026-03-23T08:00:00Z", so that a failure shows the whole shift.
std::string describe(const std::optional<shift>& s) {
    if (!s)
        return "none";
    return s->person + " " + to_iso8601(s->start) + ".." + to_iso8601(s->end) +
           (s->is_override ? " override" : "");
}

std::string describe(const std::vector<shift>& shifts) {
    std::string text;
    for (const auto& s : shifts)
        text += describe(s) + "\n";
    return text;
}

std::string describe(const std::optional<time_point>& t) {
    return t ? to_iso8601(*t) : "none";
}

// Weekly on Mondays at 09:00 local, alice first from `start`.
rotation_settings weekly(std::string zone, std::chrono::sys_days start) {
    rotation_settings r;
    r.name = "eoc";
    r.members = {"alice", "bob", "carol"};
    r.time_zone = std::move(zone);
    r.start = start;
    return r;
}

// Berlin, from Monday 2026-03-16: alice, bob (across spring-forward), carol, alice, ...
const rotation_settings berlin = weekly("Europe/Berlin", 2026y / March / 16);

} // namespace

TEST_CASE("rotation: weekly shifts start and end at the local hand-over") {
    CHECK(describe(scheduled_shift_at(berlin, track::primary, at("2026-03-18T12:00:00Z"))) ==
          "alice 2026-03-16T08:00:00Z..2026-03-23T08:00:00Z");
    CHECK(describe(scheduled_shift_at(berlin, track::primary, at("2026-03-16T08:00:00Z"))) ==
          "alice 2026-03-16T08:00:00Z..2026-03-23T08:00:00Z");
    CHECK(describe(scheduled_shift_at(berlin, track::primary, at("2026-04-01T00:00:00Z"))) ==
          "carol 2026-03-30T07:00:00Z..2026-04-06T07:00:00Z");
    CHECK(describe(scheduled_shift_at(berlin, track::primary, at("2026-04-08T00:00:00Z"))) ==
          "alice 2026-04-06T07:00:00Z..2026-04-13T07:00:00Z");
}

TEST_CASE("rotation: nothing is scheduled before the start") {
    CHECK_FALSE(scheduled_shift_at(berlin, track::primary, at("2026-03-16T07:59:59Z")));
    CHECK_FALSE(scheduled_shift_at(berlin, track::primary, at("2020-01-01T00:00:00Z")));
    CHECK_FALSE(
        shift_at(berlin, track::primary, at("2026-03-16T07:59:59Z"),
                 {{"eoc", "dave", at("2026-03-01T00:00:00Z"), at("2026-03-20T00:00:00Z")}}));
}

TEST_CASE("rotation: the exact hand-over instant belongs to the new shift") {
    CHECK(describe(scheduled_shift_at(berlin, track::primary, at("2026-03-23T07:59:59Z"))) ==
          "alice 2026-03-16T08:00:00Z..2026-03-23T08:00:00Z");
    CHECK(describe(scheduled_shift_at(berlin, track::primary, at("2026-03-23T08:00:00Z"))) ==
          "bob 2026-03-23T08:00:00Z..2026-03-30T07:00:00Z");
}

TEST_CASE("rotation: Berlin shifts across daylight saving last 167 and 169 hours") {
    const auto spring = scheduled_shift_at(berlin, track::primary, at("2026-03-29T12:00:00Z"));
    REQUIRE(spring);
    CHECK(describe(spring) == "bob 2026-03-23T08:00:00Z..2026-03-30T07:00:00Z");
    CHECK(spring->end - spring->start == 167h);

    const auto fall = scheduled_shift_at(berlin, track::primary, at("2026-10-25T12:00:00Z"));
    REQUIRE(fall);
    CHECK(describe(fall) == "bob 2026-10-19T07:00:00Z..2026-10-26T08:00:00Z");
    CHECK(fall->end - fall->start == 169h);
}

TEST_CASE("rotation: New York shifts across daylight saving, and hand-overs inside the change") {
    auto r = weekly("America/New_York", 2026y / March / 2);
    r.members = {"ann", "ben"};
    const auto spring = scheduled_shift_at(r, track::primary, at("2026-03-08T12:00:00Z"));
    REQUIRE(spring);
    CHECK(describe(spring) == "ann 2026-03-02T14:00:00Z..2026-03-09T13:00:00Z");
    CHECK(spring->end - spring->start == 167h);
    const auto fall = scheduled_shift_at(r, track::primary, at("2026-11-01T12:00:00Z"));
    REQUIRE(fall);
    CHECK(describe(fall) == "ann 2026-10-26T13:00:00Z..2026-11-02T14:00:00Z");
    CHECK(fall->end - fall->start == 169h);

    // Daily at 02:30, which does not exist on March 8: that hand-over happens at 03:00 EDT.
    r.length = days{1};
    r.handover_time = minutes{2 * 60 + 30};
    CHECK(describe(shifts_between(r, track::primary, at("2026-03-07T12:00:00Z"),
                                  at("2026-03-08T12:00:00Z"), {})) ==
          "ben 2026-03-07T07:30:00Z..2026-03-08T07:00:00Z\n"
          "ann 2026-03-08T07:00:00Z..2026-03-09T06:30:00Z\n");
    // Daily at 01:30, which happens twice on November 1: the first (EDT) one is the hand-over.
    r.handover_time = minutes{60 + 30};
    CHECK(describe(shifts_between(r, track::primary, at("2026-11-01T00:00:00Z"),
                                  at("2026-11-01T12:00:00Z"), {})) ==
          "ben 2026-10-31T05:30:00Z..2026-11-01T05:30:00Z\n"
          "ann 2026-11-01T05:30:00Z..2026-11-02T06:30:00Z\n");
}

TEST_CASE("rotation: a hand-over time skipped or repeated by Berlin's clock change") {
    auto r = weekly("Europe/Berlin", 2026y / March / 22);
    r.members = {"ann", "ben"};
    r.handover_day = std::chrono::Sunday;
    r.handover_time = minutes{2 * 60 + 30};
    // 02:30 does not exist on 2026-03-29: the hand-over is at 03:00 CEST, when the clocks jump.
    CHECK(describe(scheduled_shift_at(r, track::primary, at("2026-03-29T00:59:59Z"))) ==
          "ann 2026-03-22T01:30:00Z..2026-03-29T01:00:00Z");
    CHECK(describe(scheduled_shift_at(r, track::primary, at("2026-03-29T01:00:00Z"))) ==
          "ben 2026-03-29T01:00:00Z..2026-04-05T00:30:00Z");
    // 02:30 happens twice on 2026-10-25: the earlier (CEST) one is the hand-over, so the second
    // 02:15 already belongs to the new shift.
    CHECK(describe(scheduled_shift_at(r, track::primary, at("2026-10-25T00:29:59Z"))) ==
          "ann 2026-10-18T00:30:00Z..2026-10-25T00:30:00Z");
    CHECK(describe(scheduled_shift_at(r, track::primary, at("2026-10-25T01:15:00Z"))) ==
          "ben 2026-10-25T00:30:00Z..2026-11-01T01:30:00Z");
}

TEST_CASE("rotation: a day the zone skipped entirely does not break the order of shifts") {
    // Samoa moved across the date line: 2011-12-30 never happened in Pacific/Apia.
    rotation_settings r = weekly("Pacific/Apia", 2011y / January / 1);
    r.length = days{1};
    CHECK(describe(shifts_between(r, track::primary, at("2011-12-30T00:00:00Z"),
                                  at("2011-12-30T20:00:00Z"), {})) ==
          "carol 2011-12-29T19:00:00Z..2011-12-30T10:00:00Z\n"
          "alice 2011-12-30T10:00:00Z..2011-12-30T19:00:00Z\n"
          "bob 2011-12-30T19:00:00Z..2011-12-31T19:00:00Z\n");
}

TEST_CASE("rotation: daily shifts count calendar days across Feb 29") {
    auto r = weekly("Europe/Berlin", 2028y / February / 27);
    r.members = {"ann", "ben", "cat"};
    r.length = days{1};
    CHECK(describe(shifts_between(r, track::primary, at("2028-02-28T12:00:00Z"),
                                  at("2028-03-01T12:00:00Z"), {})) ==
          "ben 2028-02-28T08:00:00Z..2028-02-29T08:00:00Z\n"
          "cat 2028-02-29T08:00:00Z..2028-03-01T08:00:00Z\n"
          "ann 2028-03-01T08:00:00Z..2028-03-02T08:00:00Z\n");
    // 366 days later: a whole number of three-day cycles.
    CHECK(describe(scheduled_shift_at(r, track::primary, at("2029-02-27T12:00:00Z"))) ==
          "ann 2029-02-27T08:00:00Z..2029-02-28T08:00:00Z");
}

TEST_CASE("rotation: the secondary track shares the hand-overs") {
    auto r = berlin;
    r.secondary = {"xena", "yuri"};
    CHECK(describe(scheduled_shift_at(r, track::secondary, at("2026-03-18T12:00:00Z"))) ==
          "xena 2026-03-16T08:00:00Z..2026-03-23T08:00:00Z");
    CHECK(describe(scheduled_shift_at(r, track::secondary, at("2026-03-25T12:00:00Z"))) ==
          "yuri 2026-03-23T08:00:00Z..2026-03-30T07:00:00Z");
    CHECK(describe(scheduled_shift_at(r, track::secondary, at("2026-04-08T12:00:00Z"))) ==
          "yuri 2026-04-06T07:00:00Z..2026-04-13T07:00:00Z");
}

TEST_CASE("rotation: a track without members has no shifts") {
    CHECK_FALSE(scheduled_shift_at(berlin, track::secondary, at("2026-03-18T12:00:00Z")));
    CHECK_FALSE(shift_at(
        berlin, track::secondary, at("2026-03-18T12:00:00Z"),
        {{"eoc:secondary", "dave", at("2026-03-18T00:00:00Z"), at("2026-03-19T00:00:00Z")}}));
    CHECK(shifts_between(berlin, track::secondary, at("2026-03-18T00:00:00Z"),
                         at("2026-04-18T00:00:00Z"), {})
              .empty());
    auto r = berlin;
    r.members.clear();
    CHECK_FALSE(scheduled_shift_at(r, track::primary, at("2026-03-18T12:00:00Z")));
}

TEST_CASE("rotation: an override inside a shift") {
    const std::vector<rotation_override> overrides = {
        {"eoc", "dave", at("2026-03-18T10:00:00Z"), at("2026-03-19T10:00:00Z")}};
    CHECK(describe(shift_at(berlin, track::primary, at("2026-03-18T12:00:00Z"), overrides)) ==
          "dave 2026-03-18T10:00:00Z..2026-03-19T10:00:00Z override");
    CHECK(describe(shift_at(berlin, track::primary, at("2026-03-18T10:00:00Z"), overrides)) ==
          "dave 2026-03-18T10:00:00Z..2026-03-19T10:00:00Z override");
    CHECK(describe(shift_at(berlin, track::primary, at("2026-03-18T09:59:59Z"), overrides)) ==
          "alice 2026-03-16T08:00:00Z..2026-03-18T10:00:00Z");
    CHECK(describe(shift_at(berlin, track::primary, at("2026-03-19T10:00:00Z"), overrides)) ==
          "alice 2026-03-19T10:00:00Z..2026-03-23T08:00:00Z");
    CHECK(describe(scheduled_shift_at(berlin, track::primary, at("2026-03-18T12:00:00Z"))) ==
          "alice 2026-03-16T08:00:00Z..2026-03-23T08:00:00Z");
}

TEST_CASE("rotation: overrides apply to their own rotation and track only") {
    auto r = berlin;
    r.secondary = {"xena", "yuri"};
    const auto t = at("2026-03-18T12:00:00Z");
    const std::vector<rotation_override> overrides = {
        {"dba", "dave", at("2026-03-18T00:00:00Z"), at("2026-03-19T00:00:00Z")},
        {"eoc:secondary", "erin", at("2026-03-18T06:00:00Z"), at("2026-03-18T18:00:00Z")},
        {"eoc", "fred", at("2026-03-18T00:00:00Z"), at("2026-03-18T00:00:00Z")}, // empty
    };
    CHECK(describe(shift_at(r, track::primary, t, overrides)) ==
          "alice 2026-03-16T08:00:00Z..2026-03-23T08:00:00Z");
    CHECK(describe(shift_at(r, track::secondary, t, overrides)) ==
          "erin 2026-03-18T06:00:00Z..2026-03-18T18:00:00Z override");
}

TEST_CASE("rotation: an override across a hand-over is split there") {
    const std::vector<rotation_override> overrides = {
        {"eoc", "dave", at("2026-03-22T12:00:00Z"), at("2026-03-24T12:00:00Z")}};
    CHECK(describe(shifts_between(berlin, track::primary, at("2026-03-20T00:00:00Z"),
                                  at("2026-03-26T00:00:00Z"), overrides)) ==
          "alice 2026-03-16T08:00:00Z..2026-03-22T12:00:00Z\n"
          "dave 2026-03-22T12:00:00Z..2026-03-23T08:00:00Z override\n"
          "dave 2026-03-23T08:00:00Z..2026-03-24T12:00:00Z override\n"
          "bob 2026-03-24T12:00:00Z..2026-03-30T07:00:00Z\n");
}

TEST_CASE("rotation: of overlapping overrides, the later in the list wins") {
    const rotation_override dave{"eoc", "dave", at("2026-03-18T10:00:00Z"),
                                 at("2026-03-18T14:00:00Z")};
    const rotation_override erin{"eoc", "erin", at("2026-03-18T12:00:00Z"),
                                 at("2026-03-18T16:00:00Z")};
    const auto from = at("2026-03-18T00:00:00Z");
    const auto until = at("2026-03-18T20:00:00Z");
    CHECK(describe(shifts_between(berlin, track::primary, from, until, {dave, erin})) ==
          "alice 2026-03-16T08:00:00Z..2026-03-18T10:00:00Z\n"
          "dave 2026-03-18T10:00:00Z..2026-03-18T12:00:00Z override\n"
          "erin 2026-03-18T12:00:00Z..2026-03-18T16:00:00Z override\n"
          "alice 2026-03-18T16:00:00Z..2026-03-23T08:00:00Z\n");
    CHECK(describe(shifts_between(berlin, track::primary, from, until, {erin, dave})) ==
          "alice 2026-03-16T08:00:00Z..2026-03-18T10:00:00Z\n"
          "dave 2026-03-18T10:00:00Z..2026-03-18T14:00:00Z override\n"
          "erin 2026-03-18T14:00:00Z..2026-03-18T16:00:00Z override\n"
          "alice 2026-03-18T16:00:00Z..2026-03-23T08:00:00Z\n");
    CHECK(describe(shift_at(berlin, track::primary, at("2026-03-18T13:00:00Z"), {dave, erin})) ==
          "erin 2026-03-18T12:00:00Z..2026-03-18T16:00:00Z override");

    // A later override inside an earlier one cuts it in two.
    const rotation_override fred{"eoc", "fred", at("2026-03-18T11:00:00Z"),
                                 at("2026-03-18T12:00:00Z")};
    CHECK(describe(shifts_between(berlin, track::primary, at("2026-03-18T10:00:00Z"),
                                  at("2026-03-18T14:00:00Z"), {dave, fred})) ==
          "dave 2026-03-18T10:00:00Z..2026-03-18T11:00:00Z override\n"
          "fred 2026-03-18T11:00:00Z..2026-03-18T12:00:00Z override\n"
          "dave 2026-03-18T12:00:00Z..2026-03-18T14:00:00Z override\n");
}

TEST_CASE("rotation: shifts over three weeks are contiguous") {
    const auto shifts = shifts_between(berlin, track::primary, at("2026-03-16T08:00:00Z"),
                                       at("2026-04-06T07:00:00Z"), {});
    CHECK(describe(shifts) == "alice 2026-03-16T08:00:00Z..2026-03-23T08:00:00Z\n"
                              "bob 2026-03-23T08:00:00Z..2026-03-30T07:00:00Z\n"
                              "carol 2026-03-30T07:00:00Z..2026-04-06T07:00:00Z\n");
    for (std::size_t i = 1; i < shifts.size(); ++i)
        CHECK(shifts[i - 1].end == shifts[i].start);

    // A window that opens before the start lists from the first hand-over; an empty one nothing.
    CHECK(describe(shifts_between(berlin, track::primary, at("2026-01-01T00:00:00Z"),
                                  at("2026-03-17T00:00:00Z"), {})) ==
          "alice 2026-03-16T08:00:00Z..2026-03-23T08:00:00Z\n");
    CHECK(shifts_between(berlin, track::primary, at("2026-01-01T00:00:00Z"),
                         at("2026-03-16T08:00:00Z"), {})
              .empty());
    CHECK(shifts_between(berlin, track::primary, at("2026-03-20T00:00:00Z"),
                         at("2026-03-20T00:00:00Z"), {})
              .empty());
}

TEST_CASE("rotation: next hand-over") {
    CHECK(describe(next_handover(berlin, at("2026-03-18T12:00:00Z"))) == "2026-03-23T08:00:00Z");
    CHECK(describe(next_handover(berlin, at("2026-03-23T08:00:00Z"))) == "2026-03-30T07:00:00Z");
    CHECK(describe(next_handover(berlin, at("2026-01-01T00:00:00Z"))) == "2026-03-16T08:00:00Z");
    auto r = berlin;
    r.length = days{0};
    CHECK_FALSE(next_handover(r, at("2026-03-18T12:00:00Z")));
    CHECK_FALSE(scheduled_shift_at(r, track::primary, at("2026-03-18T12:00:00Z")));
    CHECK(shifts_between(r, track::primary, at("2026-03-18T00:00:00Z"), at("2026-03-19T00:00:00Z"),
                         {})
              .empty());
}

TEST_CASE("rotation: a start 1000 weeks ago") {
    const auto r = weekly("Europe/Berlin", 2007y / January / 1);
    CHECK(describe(scheduled_shift_at(r, track::primary, at("2026-03-04T12:00:00Z"))) ==
          "bob 2026-03-02T08:00:00Z..2026-03-09T08:00:00Z");
    CHECK(describe(scheduled_shift_at(r, track::primary, at("2026-03-02T07:59:59Z"))) ==
          "alice 2026-02-23T08:00:00Z..2026-03-02T08:00:00Z");
}

TEST_CASE("rotation: an unset start means the first hand-over day from 1970-01-05") {
    rotation_settings r;
    r.members = {"ann", "ben"};
    r.handover_day = std::chrono::Wednesday;
    CHECK_FALSE(scheduled_shift_at(r, track::primary, at("1970-01-07T08:59:59Z")));
    CHECK(describe(scheduled_shift_at(r, track::primary, at("1970-01-07T09:00:00Z"))) ==
          "ann 1970-01-07T09:00:00Z..1970-01-14T09:00:00Z");
    CHECK(describe(scheduled_shift_at(r, track::primary, at("2026-03-18T09:00:00Z"))) ==
          "ann 2026-03-18T09:00:00Z..2026-03-25T09:00:00Z");
}

TEST_CASE("rotation: an unknown time zone counts as UTC") {
    const auto r = weekly("Mars/Olympus_Mons", 2026y / March / 16);
    CHECK(describe(scheduled_shift_at(r, track::primary, at("2026-03-18T12:00:00Z"))) ==
          "alice 2026-03-16T09:00:00Z..2026-03-23T09:00:00Z");
}

namespace {

// A layer over `r` with its schedule: what config gives a layer that leaves it out.
rotation_layer layer_over(const rotation_settings& r, std::string name,
                          std::vector<std::string> members,
                          std::optional<rotation_restriction> restriction = std::nullopt) {
    return {.name = std::move(name),
            .members = std::move(members),
            .length = r.length,
            .handover_day = r.handover_day,
            .handover_time = r.handover_time,
            .start = r.start,
            .restriction = restriction};
}

constexpr unsigned monday_to_friday = 0b0111110; // bit d: std::chrono::weekday{d}, Sunday = 0

rotation_restriction local_hours(int from, int until, unsigned weekdays = 0x7f) {
    return {.weekdays = weekdays, .from = hours{from}, .until = hours{until}};
}

// Berlin weekly (alice, bob, carol) with dave and erin taking turns by the day on weekdays from
// 09:00 to 17:00: dave on Monday 2026-03-16, erin on Tuesday, ...
rotation_settings business_hours() {
    auto r = berlin;
    auto l =
        layer_over(r, "business-hours", {"dave", "erin"}, local_hours(9, 17, monday_to_friday));
    l.length = days{1};
    r.layers.push_back(l);
    return r;
}

} // namespace

TEST_CASE("rotation layers: business hours over a weekly base") {
    const auto r = business_hours();
    // Friday's business hours, the weekend with the base, then Monday 09:00 hands to the layer
    // and 17:00 back to the base, now bob.
    CHECK(describe(shifts_between(r, track::primary, at("2026-03-20T12:00:00Z"),
                                  at("2026-03-23T20:00:00Z"), {})) ==
          "dave 2026-03-20T08:00:00Z..2026-03-20T16:00:00Z\n"
          "alice 2026-03-20T16:00:00Z..2026-03-23T08:00:00Z\n"
          "erin 2026-03-23T08:00:00Z..2026-03-23T16:00:00Z\n"
          "bob 2026-03-23T16:00:00Z..2026-03-24T08:00:00Z\n");
    CHECK(describe(scheduled_shift_at(r, track::primary, at("2026-03-16T08:00:00Z"))) ==
          "dave 2026-03-16T08:00:00Z..2026-03-16T16:00:00Z");
    CHECK(describe(scheduled_shift_at(r, track::primary, at("2026-03-16T15:59:59Z"))) ==
          "dave 2026-03-16T08:00:00Z..2026-03-16T16:00:00Z");
    CHECK(describe(scheduled_shift_at(r, track::primary, at("2026-03-16T16:00:00Z"))) ==
          "alice 2026-03-16T16:00:00Z..2026-03-17T08:00:00Z");
    CHECK(describe(scheduled_shift_at(r, track::primary, at("2026-03-21T12:00:00Z"))) ==
          "alice 2026-03-20T16:00:00Z..2026-03-23T08:00:00Z");
    // After the clocks change, 09:00 and 17:00 are an hour earlier in UTC.
    CHECK(describe(scheduled_shift_at(r, track::primary, at("2026-03-30T12:00:00Z"))) ==
          "dave 2026-03-30T07:00:00Z..2026-03-30T15:00:00Z");
    // Before the rotation's start nobody is on call, whatever the layers say.
    CHECK_FALSE(scheduled_shift_at(r, track::primary, at("2026-03-13T12:00:00Z")));
}

TEST_CASE("rotation layers: a shift is split at a restriction edge even for the same person") {
    auto r = berlin;
    r.layers.push_back(layer_over(r, "days", {"alice"}, local_hours(9, 17, monday_to_friday)));
    CHECK(describe(shifts_between(r, track::primary, at("2026-03-17T00:00:00Z"),
                                  at("2026-03-17T20:00:00Z"), {})) ==
          "alice 2026-03-16T16:00:00Z..2026-03-17T08:00:00Z\n"
          "alice 2026-03-17T08:00:00Z..2026-03-17T16:00:00Z\n"
          "alice 2026-03-17T16:00:00Z..2026-03-18T08:00:00Z\n");
}

TEST_CASE("rotation layers: a night layer crosses midnight") {
    auto r = berlin;
    r.layers.push_back(layer_over(r, "night", {"nina", "olaf"}, local_hours(22, 6)));
    // 22:00 to 06:00 CET is 21:00Z to 05:00Z; the weekly layer keeps nina all week.
    CHECK(describe(shifts_between(r, track::primary, at("2026-03-18T12:00:00Z"),
                                  at("2026-03-19T12:00:00Z"), {})) ==
          "alice 2026-03-18T05:00:00Z..2026-03-18T21:00:00Z\n"
          "nina 2026-03-18T21:00:00Z..2026-03-19T05:00:00Z\n"
          "alice 2026-03-19T05:00:00Z..2026-03-19T21:00:00Z\n");
    // A night window belongs to the day it begins on: Sunday night only, until Monday 06:00.
    r.layers.back().restriction = local_hours(22, 6, 1u << 0);
    CHECK(describe(shifts_between(r, track::primary, at("2026-03-22T20:00:00Z"),
                                  at("2026-03-23T06:00:00Z"), {})) ==
          "alice 2026-03-16T08:00:00Z..2026-03-22T21:00:00Z\n"
          "nina 2026-03-22T21:00:00Z..2026-03-23T05:00:00Z\n"
          "alice 2026-03-23T05:00:00Z..2026-03-23T08:00:00Z\n");
    // Handing over at midnight splits the night.
    r.layers.back().restriction = local_hours(22, 6);
    r.layers.back().length = days{1};
    r.layers.back().handover_time = minutes{0};
    CHECK(describe(shifts_between(r, track::primary, at("2026-03-18T20:00:00Z"),
                                  at("2026-03-19T04:00:00Z"), {})) ==
          "alice 2026-03-18T05:00:00Z..2026-03-18T21:00:00Z\n"
          "nina 2026-03-18T21:00:00Z..2026-03-18T23:00:00Z\n"
          "olaf 2026-03-18T23:00:00Z..2026-03-19T05:00:00Z\n");
}

TEST_CASE("rotation layers: windows that touch make one shift") {
    auto r = berlin;
    r.layers.push_back(
        layer_over(r, "weekend", {"wendy"}, local_hours(0, 0, (1u << 6) | (1u << 0))));
    CHECK(describe(scheduled_shift_at(r, track::primary, at("2026-03-22T12:00:00Z"))) ==
          "wendy 2026-03-20T23:00:00Z..2026-03-22T23:00:00Z");
    // Every day around the clock: as if unrestricted.
    r.layers.back().restriction = local_hours(9, 9);
    CHECK(describe(scheduled_shift_at(r, track::primary, at("2026-03-18T12:00:00Z"))) ==
          "wendy 2026-03-16T08:00:00Z..2026-03-23T08:00:00Z");
}

TEST_CASE("rotation layers: the last active layer wins") {
    auto r = business_hours();
    r.layers.push_back(layer_over(r, "lunch", {"frank"}, local_hours(12, 13)));
    CHECK(describe(shifts_between(r, track::primary, at("2026-03-18T06:00:00Z"),
                                  at("2026-03-18T18:00:00Z"), {})) ==
          "alice 2026-03-17T16:00:00Z..2026-03-18T08:00:00Z\n"
          "dave 2026-03-18T08:00:00Z..2026-03-18T11:00:00Z\n"
          "frank 2026-03-18T11:00:00Z..2026-03-18T12:00:00Z\n"
          "dave 2026-03-18T12:00:00Z..2026-03-18T16:00:00Z\n"
          "alice 2026-03-18T16:00:00Z..2026-03-19T08:00:00Z\n");
    // On Saturday the lunch layer lies over the base alone.
    CHECK(describe(scheduled_shift_at(r, track::primary, at("2026-03-21T10:00:00Z"))) ==
          "alice 2026-03-20T16:00:00Z..2026-03-21T11:00:00Z");
    CHECK(describe(scheduled_shift_at(r, track::primary, at("2026-03-21T11:30:00Z"))) ==
          "frank 2026-03-21T11:00:00Z..2026-03-21T12:00:00Z");
}

TEST_CASE("rotation layers: restriction edges in Berlin's clock changes") {
    auto r = berlin;
    auto early = layer_over(r, "early", {"erin"});
    early.restriction = {.weekdays = 1u << 0, .from = minutes{150}, .until = hours{4}};
    r.layers.push_back(early);
    // 02:30 does not exist on 2026-03-29: the window opens at 03:00 CEST (01:00Z) and closes at
    // 04:00 CEST.
    CHECK(describe(shifts_between(r, track::primary, at("2026-03-29T00:00:00Z"),
                                  at("2026-03-29T03:00:00Z"), {})) ==
          "bob 2026-03-23T08:00:00Z..2026-03-29T01:00:00Z\n"
          "erin 2026-03-29T01:00:00Z..2026-03-29T02:00:00Z\n"
          "bob 2026-03-29T02:00:00Z..2026-03-30T07:00:00Z\n");
    CHECK(describe(next_handover(r, at("2026-03-29T00:00:00Z"))) == "2026-03-29T01:00:00Z");
    // 02:30 happens twice on 2026-10-25: the window opens at the first (00:30Z) and closes at
    // 04:00 CET, so the second 02:15 (01:15Z) is inside it.
    CHECK(describe(shifts_between(r, track::primary, at("2026-10-25T00:00:00Z"),
                                  at("2026-10-25T04:00:00Z"), {})) ==
          "bob 2026-10-19T07:00:00Z..2026-10-25T00:30:00Z\n"
          "erin 2026-10-25T00:30:00Z..2026-10-25T03:00:00Z\n"
          "bob 2026-10-25T03:00:00Z..2026-10-26T08:00:00Z\n");
    CHECK(describe(scheduled_shift_at(r, track::primary, at("2026-10-25T01:15:00Z"))) ==
          "erin 2026-10-25T00:30:00Z..2026-10-25T03:00:00Z");
    CHECK(describe(next_handover(r, at("2026-10-25T00:00:00Z"))) == "2026-10-25T00:30:00Z");

    // A window closing inside the gap closes when the clocks jump; one closing in the repeated
    // hour closes at its first occurrence.
    r.layers.back().restriction = {.weekdays = 1u << 0, .from = hours{1}, .until = minutes{150}};
    CHECK(describe(scheduled_shift_at(r, track::primary, at("2026-03-29T00:30:00Z"))) ==
          "erin 2026-03-29T00:00:00Z..2026-03-29T01:00:00Z");
    CHECK(describe(scheduled_shift_at(r, track::primary, at("2026-10-25T00:00:00Z"))) ==
          "erin 2026-10-24T23:00:00Z..2026-10-25T00:30:00Z");
    CHECK(describe(scheduled_shift_at(r, track::primary, at("2026-10-25T01:15:00Z"))) ==
          "bob 2026-10-25T00:30:00Z..2026-10-26T08:00:00Z");
}

TEST_CASE("rotation layers: an override across a layer boundary") {
    const auto r = business_hours();
    const std::vector<rotation_override> overrides = {
        {"eoc", "zed", at("2026-03-18T15:00:00Z"), at("2026-03-18T17:00:00Z")}};
    CHECK(describe(shifts_between(r, track::primary, at("2026-03-18T14:00:00Z"),
                                  at("2026-03-18T18:00:00Z"), overrides)) ==
          "dave 2026-03-18T08:00:00Z..2026-03-18T15:00:00Z\n"
          "zed 2026-03-18T15:00:00Z..2026-03-18T16:00:00Z override\n"
          "zed 2026-03-18T16:00:00Z..2026-03-18T17:00:00Z override\n"
          "alice 2026-03-18T17:00:00Z..2026-03-19T08:00:00Z\n");
}

TEST_CASE("rotation layers: next hand-over") {
    const auto r = business_hours();
    CHECK(describe(next_handover(r, at("2026-03-18T12:00:00Z"))) == "2026-03-18T16:00:00Z");
    CHECK(describe(next_handover(r, at("2026-03-18T16:00:00Z"))) == "2026-03-19T08:00:00Z");
    // The layer's hand-overs on Saturday and Sunday fall outside its hours and change nobody.
    CHECK(describe(next_handover(r, at("2026-03-20T16:00:00Z"))) == "2026-03-23T08:00:00Z");
    CHECK(describe(next_handover(r, at("2026-01-01T00:00:00Z"))) == "2026-03-16T08:00:00Z");
    // A night layer: its windows' edges.
    auto weekly_layer = berlin;
    weekly_layer.layers.push_back(layer_over(berlin, "nights", {"nina"}, local_hours(22, 6)));
    CHECK(describe(next_handover(weekly_layer, at("2026-03-18T12:00:00Z"))) ==
          "2026-03-18T21:00:00Z");
    CHECK(describe(next_handover(weekly_layer, at("2026-03-18T21:00:00Z"))) ==
          "2026-03-19T05:00:00Z");
}

TEST_CASE("rotation layers: an unstaffed layer falls back to the layers below") {
    auto r = berlin;
    r.layers.push_back(layer_over(r, "empty", {}, local_hours(9, 17)));
    CHECK(describe(scheduled_shift_at(r, track::primary, at("2026-03-18T12:00:00Z"))) ==
          "alice 2026-03-16T08:00:00Z..2026-03-23T08:00:00Z");

    // A layer before its own start: the base until its first window after it.
    r.layers.back() = layer_over(r, "later", {"dave"}, local_hours(9, 17, monday_to_friday));
    r.layers.back().length = days{1};
    r.layers.back().start = 2026y / March / 25;
    CHECK(describe(scheduled_shift_at(r, track::primary, at("2026-03-24T12:00:00Z"))) ==
          "bob 2026-03-23T08:00:00Z..2026-03-25T08:00:00Z");
    CHECK(describe(scheduled_shift_at(r, track::primary, at("2026-03-25T12:00:00Z"))) ==
          "dave 2026-03-25T08:00:00Z..2026-03-25T16:00:00Z");
    CHECK(describe(next_handover(r, at("2026-03-24T12:00:00Z"))) == "2026-03-25T08:00:00Z");
}

TEST_CASE("rotation layers: the secondary track has none") {
    auto r = business_hours();
    r.secondary = {"xena", "yuri"};
    CHECK(describe(scheduled_shift_at(r, track::secondary, at("2026-03-18T12:00:00Z"))) ==
          "xena 2026-03-16T08:00:00Z..2026-03-23T08:00:00Z");
}

TEST_CASE("rotation layers: finding a shift does not walk the history") {
    auto r = business_hours();
    r.start = 2007y / January / 1;
    r.layers.back().start = r.start;
    // 2007-01-01 to 2026-03-18 is 7016 days: dave on even days.
    CHECK(describe(scheduled_shift_at(r, track::primary, at("2026-03-18T12:00:00Z"))) ==
          "dave 2026-03-18T08:00:00Z..2026-03-18T16:00:00Z");
}
