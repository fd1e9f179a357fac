#include "commands/oncall_pay.hpp"
#include "commands/oncall_period.hpp"
#include "commands/oncall_report.hpp"
#include "tests/unit/commands/fakes.hpp"

#include <doctest/doctest.h>

using namespace siren;
using namespace siren::commands;

namespace {

time_point at(std::string_view iso) {
    return parse_iso8601(iso).value();
}

// It is Tuesday 2026-03-24 (ISO week 13). In week 12 bob held eoc from Monday 00:00 to Thursday
// 12:00 (84 h), then carol to Monday (84 h). #1 (checkout, S1) paged bob and carol at 10:00 on
// 17 March; bob acknowledged after 4 minutes, carol after 10; a second page to bob at 10:30 went
// unanswered; bob was IC; resolved at 12:00, review written. #2 (search, S2) was declared by
// carol at 09:00 on 20 March, paged her, she acknowledged after 2 minutes and resolved it at
// 09:30; its review is not written.
struct report_world : siren::testing::world {
    report_world() {
        for (const char* handle : {"alice", "bob", "carol", "dave", "erin", "frank", "grace"})
            config.people.push_back({.handle = handle});
        people.on_call_now.clear();
        people.schedules["eoc"] = {
            {.person = "bob",
             .start = at("2026-03-16T00:00:00Z"),
             .end = at("2026-03-19T12:00:00Z")},
            {.person = "carol",
             .start = at("2026-03-19T12:00:00Z"),
             .end = at("2026-03-23T00:00:00Z")},
        };
        incident one;
        one.id = 1;
        one.title = "Checkout down";
        one.level = severity::s1;
        one.service = "checkout";
        one.roles = {{role::ic, "bob"}};
        one.declared_by = "alice";
        one.declared_at = at("2026-03-17T10:00:00Z");
        one.resolved_at = at("2026-03-17T12:00:00Z");
        one.current = stage::resolved;
        incident two;
        two.id = 2;
        two.title = "Search slow";
        two.level = severity::s2;
        two.service = "search";
        two.roles = {{role::ic, "carol"}};
        two.declared_by = "carol";
        two.declared_at = at("2026-03-20T09:00:00Z");
        two.resolved_at = at("2026-03-20T09:30:00Z");
        two.current = stage::resolved;
        incidents.incidents = {one, two};
        auto page = [&](incident_id i, user_id who, std::string rotation, std::string_view sent,
                        std::optional<std::string_view> acked) {
            page_record p;
            p.incident = i;
            p.user = who;
            p.rotation = std::move(rotation);
            p.sent_at = at(sent);
            if (acked) {
                p.acknowledged_at = at(*acked);
                p.acknowledged_by = who;
            }
            incidents.sent_pages.push_back(p);
        };
        page(1, "bob", "eoc", "2026-03-17T10:00:00Z", "2026-03-17T10:04:00Z");
        page(1, "carol", "imoc", "2026-03-17T10:00:00Z", "2026-03-17T10:10:00Z");
        page(1, "bob", "eoc", "2026-03-17T10:30:00Z", std::nullopt);
        page(2, "carol", "eoc", "2026-03-20T09:00:00Z", "2026-03-20T09:02:00Z");
        incidents.follow_ups = {
            {.incident = 1, .number = 1, .text = "Add an alert", .owner = "bob"},
            {.incident = 1, .number = 2, .text = "Fix the pool", .owner = "bob", .done = true}};
        incidents.reviews = {{.incident = 1, .written_at = at("2026-03-19T10:00:00Z")},
                             {.incident = 2}};
        config.pay.weekly_fee_cents = 30000;
        config.pay.hourly_rate_cents = 4000;
    }
};

} // namespace

TEST_CASE("oncall period: ISO weeks and quarters in UTC") {
    auto now = at("2026-03-24T08:15:00Z");
    CHECK(report_week("", now)->name == "2026-W12");
    CHECK(report_week("", now)->from == at("2026-03-16T00:00:00Z"));
    CHECK(report_week("week", now)->name == "2026-W13");
    CHECK(report_week("2026-W01", now)->from == at("2025-12-29T00:00:00Z"));
    CHECK(report_week("2026-w53", now)->from == at("2026-12-28T00:00:00Z")); // 2026 has 53
    CHECK(report_week("2025-W53", now).has_error());
    CHECK(report_week("2020-W53", now)->from == at("2020-12-28T00:00:00Z"));
    CHECK(report_week("lastweek", now).has_error());
    CHECK(pay_quarter("", now)->name == "2025-Q4");
    CHECK(pay_quarter("2026-Q1", now)->until == at("2026-04-01T00:00:00Z"));
    CHECK(pay_quarter("2026-Q5", now).has_error());
}

TEST_CASE("oncall report: shifts, pages, incidents and timings of last week") {
    report_world w;
    auto r = make_oncall_report(*report_week("", w.now), w.ctx());
    REQUIRE(r.rotations.size() == 2);
    CHECK(r.rotations[0].rotation == "eoc");
    const auto& bob = r.rotations[0].rows[0];
    CHECK(bob.person == "bob");
    CHECK(bob.shifts == 1);
    CHECK(bob.on_call == hours{84});
    CHECK(bob.pages == 2);
    CHECK(bob.acknowledged == 1);
    CHECK(bob.mtta == minutes{4});
    CHECK(r.rotations[1].rotation == "imoc");
    CHECK(r.rotations[1].rows[0].mtta == minutes{10});
    REQUIRE(r.people.size() == 2);
    CHECK(r.people[0].led == 1);
    CHECK(r.people[0].in_incidents == minutes{116}); // 10:04 → 12:00
    CHECK(r.people[0].open_follow_ups == 1);
    CHECK(r.people[1].led == 1);
    CHECK(r.people[1].in_incidents == minutes{110 + 30});
    CHECK(r.noise[0].source == "checkout: Checkout down");
    CHECK(r.noise[0].pages == 3);
    REQUIRE(r.by_severity.size() == 2);
    CHECK(r.by_severity[0].key == "S1");
    CHECK(r.by_severity[0].mtta == minutes{4});
    CHECK(r.by_severity[0].mttr == hours{2});
    CHECK(r.by_service[1].key == "search");
    CHECK(r.by_service[1].mtta == minutes{2});
    CHECK(r.by_service[1].mttr == minutes{30});

    auto text = w.run("/chatops", "run oncall report").reply;
    MESSAGE(text);
    CHECK(text.find("*On-call report 2026-W12*") == 0);
    CHECK(text.find("@bob    1       84     2      1      4m") != std::string::npos);
}

TEST_CASE("oncall report: a wrong week is refused with the usage") {
    report_world w;
    auto text = w.run("/chatops", "run oncall report 2026-13").reply;
    CHECK(text.find("Unknown week `2026-13`") != std::string::npos);
    CHECK(text.find("/chatops run oncall report [week|YYYY-Www]") != std::string::npos);
}

TEST_CASE("oncall pay: prorated weekly fee and reviewed incident hours, in cents") {
    report_world w;
    auto quarter = *pay_quarter("2026-Q1", w.now);
    auto lines = make_pay(quarter, w.ctx());
    REQUIRE(lines.size() == 2);
    // bob: 84 h = half a week → 150.00; #1 10:04 → 12:00 = 1 h 56 min at 40/h → 77.33.
    CHECK(lines[0].person == "bob");
    CHECK(lines[0].fee == 15000);
    CHECK(lines[0].in_incidents == minutes{116});
    CHECK(lines[0].incident_pay == 7733);
    CHECK(lines[0].total == 22733);
    // carol: 84 h → 150.00; #1 from 10:10 = 1 h 50 min → 73.33; #2 has no written review.
    CHECK(lines[1].incident_pay == 7333);
    CHECK(pay_csv(lines, w.ctx()) ==
          "person,weeks,fee,incident hours,incident pay,total,currency\r\n"
          "@bob,0.50,150.00,1.93,77.33,227.33,EUR\r\n"
          "@carol,0.50,150.00,1.83,73.33,223.33,EUR\r\n");
    auto text = w.run("/chatops", "run oncall pay 2026-Q1").reply;
    CHECK(text.find("Total: 450.66 EUR") != std::string::npos);
}

TEST_CASE("oncall pay: rounding half up and money formatting") {
    CHECK(prorate(30000, 1, 2) == 15000);
    CHECK(prorate(1, 1, 2) == 1);
    CHECK(prorate(4000, 1, 3600) == 1);   // 1.11 cents → 1
    CHECK(prorate(4000, 45, 3600) == 50); // exactly 50
    CHECK(format_cents(5) == "0.05");
    CHECK(format_cents(123450) == "1234.50");
}
