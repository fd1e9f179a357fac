#include "commands/handover.hpp"
#include "commands/timers.hpp"
#include "tests/unit/commands/fakes.hpp"

#include <doctest/doctest.h>

using namespace siren;
using siren::testing::effects_of;

namespace {

bool contains(std::string_view text, std::string_view part) {
    return text.find(part) != std::string_view::npos;
}

using std::chrono::sys_days;
using std::chrono::year;

// eoc hands over on Mondays at 09:00 UTC: bob until 2026-03-30, then carol; the secondary track
// is dave then erin. Its user group and channel are set.
struct handover_world : siren::testing::world {
    time_point monday = sys_days{year{2026} / 3 / 30} + hours{9};

    handover_world() {
        for (auto& r : config.rotations)
            if (r.name == "eoc") {
                r.description = "Engineer On Call";
                r.members = {"alice", "bob", "carol"};
                r.secondary = {"dave", "erin"};
                r.start = sys_days{year{2026} / 3 / 16};
                r.slack_usergroup = "S0EOC";
                r.channel = "oncall-eoc";
            }
        people.schedules["eoc"] = {{.person = "bob", .start = monday - days{7}, .end = monday},
                                   {.person = "carol", .start = monday, .end = monday + days{7}}};
        people.schedules["eoc:secondary"] = {
            {.person = "dave", .start = monday - days{7}, .end = monday},
            {.person = "erin", .start = monday, .end = monday + days{7}}};
    }

    const rotation_settings& eoc() const { return *config.find_rotation("eoc"); }
};

} // namespace

TEST_CASE("handover: the notice is due an hour before the next hand-over") {
    handover_world w;
    auto notice = commands::next_handover_notice(w.eoc(), w.now);
    REQUIRE(notice);
    CHECK(notice->kind == "handover_notice");
    CHECK(notice->incident == 0);
    CHECK(notice->due_at == w.monday - hours{1});
    CHECK(commands::rotation_of_handover(notice->payload) == "eoc");

    // Started 30 minutes before a hand-over: the notice is due at once.
    auto late = commands::next_handover_notice(w.eoc(), w.monday - minutes{30});
    REQUIRE(late);
    CHECK(late->due_at == w.monday - minutes{30});

    rotation_settings external = w.eoc();
    external.source = schedule_source::pagerduty;
    CHECK_FALSE(commands::next_handover_notice(external, w.now));
}

TEST_CASE("handover: both people hear of the EOC hand-over, with what is open") {
    handover_world w;
    w.act("/incident", "declare S2 Search is slow --service search");
    auto notice = *commands::next_handover_notice(w.eoc(), w.now);
    w.now = notice.due_at;
    decision d = commands::on_timer(notice, w.ctx());
    auto dms = effects_of<notify_user>(d);
    REQUIRE(dms.size() == 3);
    CHECK(dms[0].user == "carol");
    CHECK(contains(dms[0].text, "You are on call for *eoc* (Engineer On Call) from"));
    CHECK(contains(dms[0].text, "taking over from <@bob>"));
    CHECK(contains(dms[0].text, "#1 S2 Search is slow — declared, IC <@alice>"));
    CHECK(dms[1].user == "erin");
    CHECK(contains(dms[1].text, "*eoc:secondary*"));
    CHECK(dms[2].user == "bob");
    CHECK(contains(dms[2].text, "You hand *eoc* over to <@carol>"));
    CHECK(contains(dms[2].text, "No pages this shift."));
    REQUIRE(d.timers_started.size() == 1);
    CHECK(d.timers_started[0].kind == "handover");
    CHECK(d.timers_started[0].due_at == w.monday);
}

TEST_CASE("handover: at the hand-over the user group follows and the channel is told") {
    handover_world w;
    auto notice = *commands::next_handover_notice(w.eoc(), w.now);
    timer at{.kind = "handover", .due_at = w.monday, .payload = notice.payload};
    w.now = w.monday;
    decision d = commands::on_timer(at, w.ctx());
    auto groups = effects_of<set_group_members>(d);
    REQUIRE(groups.size() == 1);
    CHECK(groups[0].group == "S0EOC");
    CHECK(groups[0].users == std::vector<user_id>{"carol", "erin"});
    auto posts = effects_of<post_message>(d);
    REQUIRE(posts.size() == 1);
    CHECK(posts[0].channel == "oncall-eoc");
    CHECK(contains(posts[0].text, "<@carol> is on call for *eoc* (Engineer On Call), taking over "
                                  "from <@bob>."));
    CHECK(contains(posts[0].text, "No incidents are open."));
    REQUIRE(d.timers_started.size() == 1);
    CHECK(d.timers_started[0].kind == "handover_notice");
    CHECK(d.timers_started[0].due_at == w.monday + days{7} - hours{1});
}

TEST_CASE("handover: a timer for a rotation that is gone decides nothing") {
    handover_world w;
    CHECK(commands::on_timer({.kind = "handover", .payload = "gone@1774861200"}, w.ctx())
              .is_reply_only());
    CHECK(commands::on_timer({.kind = "handover_notice", .payload = "eoc@soon"}, w.ctx())
              .is_reply_only());
    CHECK(commands::on_timer({.kind = "mystery"}, w.ctx()).is_reply_only());
}

TEST_CASE("handover: the digest names what was resolved lately and the open follow-ups") {
    handover_world w;
    w.now = w.monday - hours{3};
    w.act("/incident", "declare S2 Search is slow --service search");
    w.now += hours{1};
    w.act("/119", "resolve reindexed", "alice", w.incidents.incidents.front().channel_name);
    w.incidents.follow_ups = {
        {.incident = 1, .number = 1, .text = "Alert on index lag", .owner = "dave"},
        {.incident = 1, .number = 2, .text = "Done already", .done = true}};
    w.incidents.page_sent({.user = "bob",
                           .rotation = "eoc",
                           .summary = "#1 S2 Search is slow",
                           .level = severity::s2,
                           .dedup_key = "siren-1-eoc"},
                          1, w.now - hours{1});
    auto notice = *commands::next_handover_notice(w.eoc(), w.now);
    w.now = notice.due_at;
    auto dms = effects_of<notify_user>(commands::on_timer(notice, w.ctx()));
    REQUIRE(dms.size() == 3);
    const std::string& outgoing = dms[2].text;
    CHECK(contains(outgoing, "No incidents are open."));
    CHECK(contains(outgoing, "*Resolved in the last 1d 0h:*\n• #1 S2 Search is slow — resolved"));
    CHECK(contains(outgoing, "*Open follow-ups:*\n• #1/1 Alert on index lag (<@dave>)"));
    CHECK_FALSE(contains(outgoing, "Done already"));
    CHECK(contains(outgoing, "Pages this shift: 1, 1 of them to <@bob> (0 acknowledged). Paged "
                             "most: search (1)."));
}

TEST_CASE("handover: a hand-over to the same person (a layer's edge) tells nobody") {
    handover_world w;
    w.people.schedules["eoc"] = {{.person = "bob", .start = w.monday - days{7}, .end = w.monday},
                                 {.person = "bob", .start = w.monday, .end = w.monday + days{7}}};
    w.people.schedules.erase("eoc:secondary");
    auto notice = *commands::next_handover_notice(w.eoc(), w.now);
    w.now = notice.due_at;
    CHECK(effects_of<notify_user>(commands::on_timer(notice, w.ctx())).empty());
    timer at{.kind = "handover", .due_at = w.monday, .payload = notice.payload};
    w.now = w.monday;
    decision d = commands::on_timer(at, w.ctx());
    CHECK(effects_of<post_message>(d).empty());
    CHECK(d.timers_started.size() == 1); // the next hand-over is still planned
}
