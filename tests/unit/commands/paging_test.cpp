#include "commands/paging.hpp"
#include "commands/timers.hpp"
#include "tests/unit/commands/fakes.hpp"

#include <doctest/doctest.h>

using namespace siren;
using siren::testing::effects_of;
using siren::testing::kinds;

namespace {

bool contains(std::string_view text, std::string_view part) {
    return text.find(part) != std::string_view::npos;
}

const std::string channel = "incident-20260324-checkout-returns-500";

// S1 escalates by "default": eoc (5m) → eoc:secondary (15m) → imoc (15m), no repeat; an
// incident still investigating 30m after the EOC acknowledged pages the IMOC. alice declared
// S1 #1; bob (EOC) and carol (IMOC) were paged and their pages were sent.
struct paging_world : siren::testing::world {
    paging_world(int repeat = 0) {
        escalation_policy policy;
        policy.name = "default";
        policy.levels = {
            {{"eoc"}, minutes{5}}, {{"eoc:secondary"}, minutes{15}}, {{"imoc"}, minutes{15}}};
        policy.repeat = repeat;
        policy.investigating_limit = minutes{30};
        config.escalations = {policy};
        for (auto& p : config.severities)
            if (p.level <= severity::s1)
                p.escalation = "default";
        people.on_call_now["eoc:secondary"] = "frank";
        declared = act("/incident", "declare S1 Checkout returns 500 --service checkout");
        for (const auto& page : effects_of<page_user>(declared))
            incidents.page_sent(page, 1, now);
    }

    // Lets time pass and fires what is due, as the daemon's timer loop does.
    decision after(minutes wait) {
        now += wait;
        decision all;
        for (const timer& due : incidents.pending_timers(1))
            if (due.due_at <= now) {
                decision d = commands::on_timer(due, ctx());
                std::erase_if(incidents.timers, [&](const timer& t) { return t.id == due.id; });
                incidents.save(d, now);
                for (const auto& page : effects_of<page_user>(d))
                    incidents.page_sent(page, 1, now);
                all.effects.insert(all.effects.end(), d.effects.begin(), d.effects.end());
                all.timeline.insert(all.timeline.end(), d.timeline.begin(), d.timeline.end());
            }
        return all;
    }

    decision in_channel(std::string text, user_id user = "alice") {
        return act("/119", std::move(text), std::move(user), channel);
    }

    std::vector<std::string> paged(const decision& d) const {
        std::vector<std::string> who;
        for (const auto& p : effects_of<page_user>(d))
            who.push_back(p.user + " " + p.rotation + " " + p.dedup_key);
        return who;
    }

    decision declared;
};

} // namespace

TEST_CASE("paging: a declaration that pages starts the escalation clock") {
    paging_world w;
    REQUIRE(w.declared.timers_started.size() == 1);
    const timer& t = w.declared.timers_started.front();
    CHECK(t.kind == "escalation");
    CHECK(t.incident == 1);
    CHECK(t.due_at == w.now + minutes{5});
    CHECK(t.payload == "1");

    auto quiet = w.act("/incident", "declare S3 Typo on the pricing page");
    CHECK(quiet.timers_started.empty()); // S3 pages nobody and has no policy
}

TEST_CASE("paging: an unacknowledged page climbs the levels at the policy's times") {
    paging_world w;
    CHECK(w.after(minutes{4}).effects.empty());

    decision second = w.after(minutes{1});
    CHECK(w.paged(second) == std::vector<std::string>{"frank eoc:secondary siren-1-eoc-secondary"});
    auto posts = effects_of<post_message>(second);
    REQUIRE(posts.size() == 1);
    CHECK(posts[0].channel == channel);
    CHECK(posts[0].text == ":arrow_double_up: Nobody acknowledged within 5m. Escalated to level 2 "
                           "of 3 of the escalation policy `default`: paged <@frank> "
                           "(eoc:secondary).");
    auto invites = effects_of<invite_users>(second);
    REQUIRE(invites.size() == 1);
    CHECK(invites[0].users == std::vector<user_id>{"frank"});
    for (const auto& p : w.incidents.pages(1))
        if (p.rotation != "eoc:secondary")
            CHECK(p.status == page_status::escalated);
    REQUIRE(w.incidents.pending_timers(1).size() == 1);
    CHECK(w.incidents.pending_timers(1)[0].payload == "2");
    CHECK(w.incidents.pending_timers(1)[0].due_at == w.now + minutes{15});

    decision third = w.after(minutes{15});
    CHECK(w.paged(third).empty()); // carol (imoc) was paged at the declaration already
    CHECK(contains(effects_of<post_message>(third)[0].text,
                   "level 3 of 3 of the escalation policy `default`: not paged again: <@carol> "
                   "(imoc, paged before)"));

    decision exhausted = w.after(minutes{15});
    CHECK(kinds(exhausted) == std::vector<std::string>{"post_message", "notify_user"});
    CHECK(effects_of<notify_user>(exhausted)[0].user == "alice");
    CHECK(contains(effects_of<post_message>(exhausted)[0].text,
                   "Nobody acknowledged a page for #1 through every level"));
    CHECK(w.incidents.pending_timers(1).empty());
}

TEST_CASE("paging: a repeated policy pages each level again under keys of its own") {
    paging_world w(/*repeat=*/1);
    w.after(minutes{5});
    w.after(minutes{15});
    decision again = w.after(minutes{15});
    CHECK(w.paged(again) == std::vector<std::string>{"bob eoc siren-1-eoc-r2"});
    CHECK(contains(effects_of<post_message>(again)[0].text, "level 1 of 3 of the escalation "
                                                            "policy `default` (round 2)"));
}

TEST_CASE("paging: /119 ack stops the escalation and starts the investigating clock") {
    paging_world w;
    w.now += minutes{2};
    decision d = w.in_channel("ack", "bob");
    CHECK(d.reply == "Acknowledged 1 page for #1.");
    REQUIRE(d.page_changes.size() == 1);
    CHECK(d.page_changes[0].dedup_key == "siren-1-eoc");
    CHECK(d.page_changes[0].to == page_status::acknowledged);
    CHECK(d.page_changes[0].by == "bob");
    CHECK(effects_of<acknowledge_page>(d)[0].dedup_key == "siren-1-eoc");
    CHECK(effects_of<post_message>(d)[0].text ==
          ":white_check_mark: <@bob> acknowledged the page for eoc after 2m.");
    REQUIRE(d.timeline.size() == 1);
    CHECK(d.timeline[0].kind == entry_kind::acknowledged);
    auto pending = w.incidents.pending_timers(1);
    REQUIRE(pending.size() == 1);
    CHECK(pending[0].kind == "investigating");
    CHECK(pending[0].due_at == w.now + minutes{30});

    CHECK(w.after(minutes{10}).effects.empty()); // the escalation timer is gone

    decision imoc = w.after(minutes{20});
    CHECK(w.paged(imoc).empty()); // carol was paged already
    CHECK(contains(effects_of<post_message>(imoc)[0].text,
                   "#1 is still declared 30m after the engineer on call engaged"));
}

TEST_CASE("paging: the investigating clock does nothing once the cause is identified") {
    paging_world w;
    w.in_channel("ack", "bob");
    w.in_channel("update stage=identified");
    CHECK(w.after(minutes{31}).effects.empty());
}

TEST_CASE("paging: who may acknowledge what") {
    paging_world w;
    CHECK(w.in_channel("ack", "grace").reply ==
          "You have no open page for #1. To acknowledge someone else's page, name it: `/119 ack "
          "<key>` (keys are in `/119 history`).");
    CHECK(w.run("/119", "ack siren-1-eoc", "grace", "general").reply ==
          "Only the person paged or someone with a role in the incident can acknowledge "
          "`siren-1-eoc`.");
    CHECK(contains(w.run("/119", "ack siren-9-eoc", "bob", "general").reply,
                   "No page `siren-9-eoc` is known."));
    CHECK(
        contains(w.run("/119", "ack", "bob", "general").reply, "Run it in the incident's channel"));
    CHECK(contains(w.run("/119", "ack a b", "bob", channel).reply, "Name at most one page."));

    // From the page's own button, in a DM: by key.
    decision by_button = w.act("/119", "ack siren-1-imoc", "carol", "D0CAROL");
    CHECK(by_button.reply == "Acknowledged `siren-1-imoc`.");
    CHECK(w.run("/119", "ack siren-1-imoc", "alice", "D0ALICE").reply ==
          "`siren-1-imoc` was acknowledged already by <@carol>.");
}

TEST_CASE("paging: a provider's acknowledgement is recorded without telling the provider back") {
    paging_world w;
    decision d = commands::on_provider_acknowledgement("siren-1-eoc", "bob", "pagerduty", w.ctx());
    REQUIRE(d.page_changes.size() == 1);
    CHECK(effects_of<acknowledge_page>(d).empty());
    CHECK(effects_of<post_message>(d)[0].text ==
          ":white_check_mark: <@bob> acknowledged the page for eoc after 0s.");
    w.incidents.save(d, w.now);
    CHECK(commands::on_provider_acknowledgement("siren-1-eoc", "bob", "pagerduty", w.ctx())
              .is_reply_only()); // a second delivery changes nothing
    decision stranger =
        commands::on_provider_acknowledgement("siren-1-imoc", "Pat Doe", "pagerduty", w.ctx());
    CHECK(contains(effects_of<post_message>(stranger)[0].text, "Pat Doe acknowledged"));
}

TEST_CASE("paging: /119 escalate pages the next level, a named level or someone outside it") {
    paging_world w;
    decision next = w.in_channel("escalate", "grace");
    CHECK(w.paged(next) == std::vector<std::string>{"frank eoc:secondary siren-1-eoc-secondary"});
    CHECK(next.reply == "Escalated #1 to level 2 of 3 of the escalation policy `default`.");
    CHECK(contains(effects_of<post_message>(next)[0].text, "Escalated by <@grace>."));
    w.incidents.page_sent(effects_of<page_user>(next)[0], 1, w.now);
    REQUIRE(w.incidents.pending_timers(1).size() == 1);
    CHECK(w.incidents.pending_timers(1)[0].payload == "2");

    decision named = w.in_channel("escalate 1");
    CHECK(w.paged(named).empty());
    CHECK(contains(named.reply, "level 1 of 3"));

    decision person = w.in_channel("escalate @dave");
    CHECK(w.paged(person) == std::vector<std::string>{"dave @dave siren-1-dave"});
    CHECK(effects_of<invite_users>(person)[0].users == std::vector<user_id>{"dave"});

    decision from_dm = w.act("/119", "escalate siren-1-eoc", "bob", "D0BOB");
    CHECK(contains(from_dm.reply, "Escalated #1 to level 3 of 3"));

    CHECK(contains(w.in_channel("escalate").reply, "Every level of the escalation policy"));
    CHECK(contains(w.in_channel("escalate pizza").reply,
                   "`pizza` is neither a level, a rotation nor a person."));
    CHECK(contains(w.in_channel("escalate 7").reply, "has levels 1 to 3"));
    CHECK(contains(w.run("/119", "escalate siren-1-eoc", "grace", "general").reply,
                   "Only the person paged or someone with a role"));
}

TEST_CASE("paging: resolving stops the paging timers; a resolved incident is not escalated") {
    paging_world w;
    decision resolved = w.in_channel("resolve fixed");
    for (std::string kind : {"escalation", "investigating"})
        CHECK(std::any_of(resolved.timers_stopped.begin(), resolved.timers_stopped.end(),
                          [&](const timer_cancel& c) { return c.kind == kind; }));
    for (const timer& t : w.incidents.pending_timers(1))
        CHECK(t.kind.starts_with("review_")); // the review's deadlines, nothing of paging
    CHECK(contains(w.in_channel("escalate").reply, "is resolved: there is nobody to escalate to"));
    timer stale{.id = 99, .kind = "escalation", .incident = 1, .due_at = w.now, .payload = "1"};
    CHECK(commands::on_timer(stale, w.ctx()).is_reply_only());
}

TEST_CASE("archive: a closed incident's channel is archived later, unless it is reopened") {
    paging_world w;
    w.config.workspace.archive_after = days{14};
    w.in_channel("resolve fixed");
    decision closed = w.in_channel("review done");
    REQUIRE(closed.saved);
    REQUIRE(closed.timers_started.size() == 1);
    CHECK(closed.timers_started[0].kind == "archive");
    CHECK(closed.timers_started[0].due_at == w.now + days{14});

    decision archived = w.after(days{14});
    CHECK(effects_of<archive_channel>(archived).size() == 1);
    CHECK(effects_of<archive_channel>(archived)[0].channel == channel);
    CHECK(contains(effects_of<post_message>(archived)[0].text, "was closed 14d 0h ago"));

    paging_world again;
    again.config.workspace.archive_after = days{14};
    again.in_channel("resolve fixed");
    again.in_channel("review done");
    decision reopened = again.in_channel("reopen it is back");
    CHECK(std::any_of(reopened.timers_stopped.begin(), reopened.timers_stopped.end(),
                      [](const timer_cancel& c) { return c.kind == "archive"; }));
    CHECK(again.after(days{15}).effects.empty());

    paging_world never;
    never.config.workspace.archive_after = seconds{0};
    never.in_channel("resolve fixed");
    CHECK(never.in_channel("review done").timers_started.empty());
}
