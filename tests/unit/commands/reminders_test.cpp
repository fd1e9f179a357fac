#include "commands/reminders.hpp"
#include "tests/unit/commands/fakes.hpp"

#include <doctest/doctest.h>

using namespace siren;
using siren::testing::effects_of;

namespace {

bool contains(std::string_view text, std::string_view part) {
    return text.find(part) != std::string_view::npos;
}

const std::string channel = "incident-20260324-checkout-returns-500";

// S1 owes an update every 30m and a public update every hour, and wants a TL within 15m; it is
// on the status page. alice declared S1 #1 at 08:15.
struct reminder_world : siren::testing::world {
    reminder_world() {
        for (auto& p : config.severities)
            if (p.level == severity::s1) {
                p.update_every = minutes{30};
                p.public_update_every = minutes{60};
                p.fill_roles = {{role::tl, minutes{15}}};
                p.status_page = true;
            }
        declared = act("/incident", "declare S1 Checkout returns 500 --service checkout");
    }

    decision in_channel(std::string text, user_id user = "alice") {
        return act("/119", std::move(text), std::move(user), channel);
    }

    // The texts siren posted in the incident's channel.
    static std::vector<std::string> posts(const decision& d) {
        std::vector<std::string> texts;
        for (const auto& p : effects_of<post_message>(d))
            if (p.channel == channel)
                texts.push_back(p.text);
        return texts;
    }

    // "role_reminder +15m tl, update_reminder +30m": the pending reminders, minutes after 08:15.
    std::string pending() const {
        std::string out;
        for (const timer& t : incidents.pending_timers(1))
            if (t.kind.ends_with("update_reminder") || t.kind == "role_reminder")
                out += (out.empty() ? "" : ", ") + t.kind + " +" +
                       std::to_string((t.due_at - start).count() / 60) + "m" +
                       (t.payload.empty() ? "" : " " + t.payload);
        return out;
    }

    time_point start = now;
    decision declared;
};

} // namespace

TEST_CASE("reminders: a declaration starts the update, public update and role reminders") {
    reminder_world w;
    CHECK(w.pending() ==
          "role_reminder +15m tl, update_reminder +30m, public_update_reminder +60m");
}

TEST_CASE("reminders: a severity without cadences or roles to fill starts none") {
    siren::testing::world w;
    auto d = w.act("/incident", "declare S3 Search is slow");
    CHECK(d.timers_started.empty());
}

TEST_CASE("reminders: no update for the cadence reminds the IC and the CL in the channel") {
    reminder_world w;
    w.in_channel("update tl=@bob cl=@dave");
    auto d = w.wait(minutes{30});
    auto posts = reminder_world::posts(d);
    REQUIRE(posts.size() == 1);
    CHECK(posts[0] == ":alarm_clock: No update on #1 for 30m (S1 expects one every 30m). <@alice> "
                      "(IC), <@dave> (CL): post one with `/119 update status=… summary=\"…\"` or "
                      "`/119 public \"…\"`, or snooze this once with `/119 snooze 30m`.");
    auto buttons = effects_of<post_message>(d).front().buttons;
    REQUIRE(buttons.size() == 1);
    CHECK(buttons[0].command == "/119 snooze 30m");
    // The next reminder comes one cadence later, not before.
    CHECK(reminder_world::posts(w.wait(minutes{29})).empty());
    posts = reminder_world::posts(w.wait(minutes{1}));
    REQUIRE(posts.size() == 2); // the public update is due at the same time
    CHECK(contains(posts[0] + posts[1], "No update on #1 for 1h 00m"));
}

TEST_CASE("reminders: while nobody is CL whoever holds its duties is named, each person once") {
    reminder_world w;
    w.in_channel("update tl=@bob");
    auto posts = reminder_world::posts(w.wait(minutes{30}));
    REQUIRE(posts.size() == 1);
    CHECK(contains(posts[0], "<@alice> (IC), <@bob> (CL duties): post one"));
    w.in_channel("update tl=@alice");
    posts = reminder_world::posts(w.wait(minutes{30}));
    REQUIRE(posts.size() == 2);
    CHECK(contains(posts[0] + posts[1], "<@alice> (IC): post one"));
}

TEST_CASE("reminders: an update restarts the count; notes and role changes do not") {
    reminder_world w;
    w.in_channel("update tl=@bob");
    w.wait(minutes{10});
    w.in_channel("note looking at the load balancer");
    w.in_channel("update em=@carol");
    w.wait(minutes{10});
    w.in_channel("update stage=identified");
    CHECK(reminder_world::posts(w.wait(minutes{29})).empty());
    auto posts = reminder_world::posts(w.wait(minutes{1}));
    REQUIRE(posts.size() == 1);
    CHECK(contains(posts[0], "No update on #1 for 30m"));
}

TEST_CASE("reminders: an unfilled role is nudged until someone takes it") {
    reminder_world w;
    auto d = w.wait(minutes{15});
    auto posts = reminder_world::posts(d);
    REQUIRE(posts.size() == 1);
    CHECK(posts[0] == ":busts_in_silhouette: #1 has no TL 15m after it was declared (S1 wants one "
                      "within 15m). Take it with `/119 update tl=me`, or <@alice> (IC) assigns "
                      "someone: `/119 update tl=@name`.");
    auto buttons = effects_of<post_message>(d).front().buttons;
    REQUIRE(buttons.size() == 2);
    CHECK(buttons[0].command == "/119 update tl=me");
    w.in_channel("update tl=me", "bob");
    auto later = reminder_world::posts(w.wait(minutes{15}));
    CHECK(std::none_of(later.begin(), later.end(),
                       [](const std::string& p) { return contains(p, "has no TL"); }));
}

TEST_CASE("reminders: the CL is told when a public update is due") {
    reminder_world w;
    w.in_channel("update tl=@bob cl=@dave");
    auto posts = reminder_world::posts(w.wait(minutes{60}));
    REQUIRE(posts.size() == 3); // two update reminders and the public one
    CHECK(posts[1] == ":mega: A public update on #1 is due: none was posted in the 1h 00m since it "
                      "was declared (S1 expects one every 1h 00m). <@dave> (CL): tell customers "
                      "where things stand with `/119 public \"…\"`.");
}

TEST_CASE("reminders: snoozing delays the pending reminders once") {
    reminder_world w;
    w.in_channel("update tl=@bob");
    w.wait(minutes{30}); // the first update reminder; the next is due at +60m
    auto d = w.in_channel("snooze 45m");
    CHECK(d.reply == "Snoozed the reminders of #1 by 45m: the next is due at 2026-03-24 10:00 UTC "
                     "(in 1h 15m).");
    CHECK(reminder_world::posts(d) ==
          std::vector<std::string>{":zzz: <@alice> snoozed the reminders by 45m."});
    // The TL reminder of a TL now filled is dropped.
    CHECK(w.pending() == "public_update_reminder +105m snoozed, update_reminder +105m snoozed");
    CHECK(w.in_channel("snooze").reply ==
          "The reminders of #1 are snoozed already (once per reminder): post an update instead.");
    CHECK(reminder_world::posts(w.wait(minutes{74})).empty());
    CHECK(reminder_world::posts(w.wait(minutes{1})).size() == 2);
    CHECK(w.in_channel("snooze 10m").reply ==
          "Snoozed the reminders of #1 by 10m: the next is due at 2026-03-24 10:40 UTC (in 40m).");
}

TEST_CASE("reminders: snoozing has limits") {
    reminder_world w;
    CHECK(contains(w.in_channel("snooze 5h").reply, "Snooze for a duration from `1m` to `4h"));
    CHECK(contains(w.in_channel("snooze soon").reply, "not `soon`"));
    CHECK(w.in_channel("snooze 30m", "frank").reply ==
          "Only people with a role in #1 can snooze its reminders.");
    w.act("/incident", "declare S3 Search is slow");
    CHECK(w.act("/119", "snooze", "alice", "incident-20260324-search-is-slow").reply ==
          "No reminder of #2 is pending: nothing to snooze.");
}

TEST_CASE("reminders: resolving stops them all and reopening starts them again") {
    reminder_world w;
    auto resolved = w.in_channel("resolve fixed");
    CHECK(resolved.timers_stopped.size() >= 3);
    CHECK(w.pending().empty());
    CHECK(reminder_world::posts(w.wait(minutes{120})).empty());
    w.in_channel("reopen it came back");
    CHECK(w.pending() ==
          "role_reminder +135m tl, update_reminder +150m, public_update_reminder +180m");
}

TEST_CASE("reminders: a reminder of an incident resolved meanwhile says nothing") {
    reminder_world w;
    timer stale{.id = 99,
                .kind = std::string(commands::update_reminder_timer),
                .incident = 1,
                .due_at = w.now};
    w.in_channel("resolve");
    CHECK(commands::on_timer(stale, w.ctx()).is_reply_only());
}

TEST_CASE("public: the IC posts a public update that restarts both cadences") {
    reminder_world w;
    w.wait(minutes{20});
    auto d = w.in_channel("public \"We are investigating errors at checkout.\"");
    CHECK(d.reply == "Posted on the status page for #1.");
    REQUIRE(d.timeline.size() == 1);
    CHECK(d.timeline[0].kind == entry_kind::public_update);
    CHECK(d.timeline[0].text == "We are investigating errors at checkout.");
    CHECK(reminder_world::posts(d) ==
          std::vector<std::string>{":mega: <@alice> posted a public update: We are investigating "
                                   "errors at checkout."});
    // The TL nudge at +15m fired before; the update and public reminders restart at +20m.
    CHECK(w.pending() ==
          "role_reminder +30m tl, update_reminder +50m, public_update_reminder +80m");
}

TEST_CASE("public: the CL and the CMOC on call may post; others and security incidents not") {
    reminder_world w;
    w.in_channel("update cl=@frank");
    CHECK(w.in_channel("public Fixed.", "frank").reply == "Posted on the status page for #1.");
    CHECK(w.in_channel("public We're on it", "dave").reply == "Posted on the status page for #1.");
    CHECK(w.incidents.entries.back().text == "We're on it");
    CHECK(w.in_channel("public hello", "grace").reply ==
          "Only the communications lead <@frank>, the incident commander <@alice> or the CMOC on "
          "call can post public updates for #1.");
    CHECK(contains(w.in_channel("public").reply, "Write what customers should know"));
    w.act("/incident", "declare S1 Leaked keys --security");
    auto refused = w.act("/119", "public hi", "alice", "incident-20260324-leaked-keys");
    CHECK(refused.reply == "#2 is a security incident: it never appears on the status page, so it "
                           "has no public updates.");
}

TEST_CASE("public: a severity off the status page keeps the update and says so") {
    siren::testing::world w;
    w.act("/incident", "declare S2 Search is slow");
    auto d = w.act("/119", "public Slow searches", "alice", "incident-20260324-search-is-slow");
    CHECK(d.timeline.size() == 1);
    CHECK(contains(d.reply, "S2 incidents are not on the status page"));
}
