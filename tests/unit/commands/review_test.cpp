#include "commands/review.hpp"
#include "commands/review_markdown.hpp"
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

// alice declared S1 #1 "Checkout returns 500" for checkout at 08:15 (bob, the EOC, and carol, the
// IMOC, were paged); bob is TL; 20 minutes later.
struct review_world : siren::testing::world {
    review_world() {
        act("/incident", "declare S1 Checkout returns 500 --service checkout");
        act("/119", "update tl=@bob", "alice", channel);
        now += minutes{20};
    }
    decision in_channel(std::string text, user_id user = "alice") const {
        return run("/119", std::move(text), std::move(user), channel);
    }
    decision act_in_channel(std::string text, user_id user = "alice") {
        return act("/119", std::move(text), std::move(user), channel);
    }
    const incident& current() const { return incidents.incidents.front(); }
    std::optional<review> the_review() const { return incidents.find_review(1); }

    // Runs the timers due by now + wait, keeping what they decide.
    std::vector<decision> wait(seconds wait) {
        now += wait;
        std::vector<decision> fired;
        for (const timer& due : incidents.pending_timers(1))
            if (due.due_at <= now) {
                fired.push_back(commands::on_timer(due, ctx()));
                std::erase_if(incidents.timers, [&](const timer& t) { return t.id == due.id; });
                incidents.save(fired.back(), now);
            }
        return fired;
    }
    std::vector<std::string> pending_review_timers() const {
        std::vector<std::string> out;
        for (const timer& t : incidents.pending_timers(1))
            if (t.kind.starts_with("review_"))
                out.push_back(t.kind + " " + t.payload + " +" +
                              std::to_string((t.due_at - now) / hours{1}) + "h");
        return out;
    }
};

} // namespace

TEST_CASE("review: resolving opens the review with its owner, deadlines and timers") {
    review_world w;
    decision d = w.act_in_channel("resolve");
    REQUIRE(d.saved_review);
    CHECK(d.saved_review->incident == 1);
    CHECK(d.saved_review->owner.empty()); // the IC
    CHECK(d.saved_review->opened_at == w.now);
    CHECK(d.saved_review->provisional_due == w.now + hours{24});
    CHECK(d.saved_review->full_due == w.now + days{7});
    auto dm = effects_of<notify_user>(d).back();
    CHECK(dm.user == "alice");
    CHECK(dm.text == ":memo: You own the review of *#1 Checkout returns 500* in "
                     "<#incident-20260324-checkout-returns-500>: a first draft (`/119 review`) is "
                     "due by 2026-03-25 08:35 UTC, the full review (`/119 review done`) by "
                     "2026-03-31 08:35 UTC. Track corrective actions with `/119 action add`.");
    CHECK(w.pending_review_timers() == std::vector<std::string>{"review_reminder provisional +22h",
                                                                "review_overdue provisional +24h",
                                                                "review_reminder full +166h",
                                                                "review_overdue full +168h"});
    CHECK(w.current().current == stage::resolved);
}

TEST_CASE("review: the owner is reminded before each deadline and the IMOC told when overdue") {
    review_world w;
    w.act_in_channel("resolve");
    auto fired = w.wait(hours{22});
    REQUIRE(fired.size() == 1);
    auto reminder = effects_of<notify_user>(fired[0]);
    REQUIRE(reminder.size() == 1);
    CHECK(reminder[0].user == "alice");
    CHECK(reminder[0].text ==
          ":alarm_clock: The first draft of the review of *#1 Checkout returns 500* is due in 2h "
          "00m (2026-03-25 08:35 UTC): share it with `/119 review` in "
          "<#incident-20260324-checkout-returns-500>.");

    fired = w.wait(hours{2});
    REQUIRE(fired.size() == 1);
    CHECK(kinds(fired[0]) == std::vector<std::string>{"post_message", "notify_user"});
    auto told = effects_of<notify_user>(fired[0])[0];
    CHECK(told.user == "carol"); // the IMOC on call
    CHECK(contains(told.text, "The first draft of the review of *#1 Checkout returns 500* is "
                              "overdue since 2026-03-25 08:35 UTC; it is <@alice>'s"));
    CHECK(fired[0].timeline.at(0).text == "provisional review overdue");

    // A draft shared meets the provisional deadline; the full one still reminds.
    review_world drafted;
    drafted.act_in_channel("resolve");
    drafted.act_in_channel("review", "bob");
    CHECK(drafted.the_review()->drafted_at == drafted.now);
    CHECK(drafted.wait(hours{24}).at(0).effects.empty());
    auto full = drafted.wait(hours{142});
    REQUIRE(full.size() == 1);
    CHECK(contains(effects_of<notify_user>(full[0])[0].text,
                   "The review of *#1 Checkout returns 500* is due in 2h 00m"));
}

TEST_CASE("review: /119 review shares the draft as a file and writes it to the directory") {
    review_world w;
    w.config.reviews.directory = "/var/lib/siren/reviews";
    decision open = w.in_channel("review", "frank");
    CHECK(kinds(open) == std::vector<std::string>{"write_file", "post_file"});
    CHECK(!open.saved_review); // not resolved: no provisional review yet
    auto file = effects_of<post_file>(open)[0];
    CHECK(file.channel == channel);
    CHECK(file.filename == "review-1.md");
    CHECK(file.title == "Review of #1 Checkout returns 500 (draft)");
    CHECK(file.comment == "<@frank> shared the review draft of #1: fill in the findings and "
                          "corrective actions.");
    CHECK(effects_of<write_file>(open)[0].path == "/var/lib/siren/reviews/review-1.md");
    CHECK(effects_of<write_file>(open)[0].content == file.content);
    CHECK(open.reply == "Shared the review draft of #1 in the channel as review-1.md. It is saved "
                        "as /var/lib/siren/reviews/review-1.md.");

    w.act_in_channel("resolve");
    decision provisional = w.in_channel("review");
    REQUIRE(provisional.saved_review);
    CHECK(provisional.saved_review->drafted_at == w.now);
    CHECK(contains(provisional.reply, "That is the provisional review."));

    w.config.reviews.directory.clear();
    CHECK(kinds(w.in_channel("review")) == std::vector<std::string>{"post_file"});
    CHECK(contains(w.in_channel("review later").reply, "Write `/119 review` for the draft"));
}

TEST_CASE("review: the IC or the owner hands the review over; others may not") {
    review_world w;
    decision named = w.act_in_channel("review owner=@dave");
    REQUIRE(named.saved_review);
    CHECK(named.saved_review->owner == "dave");
    CHECK(named.reply == "The review of #1 is <@dave>'s now.");
    CHECK(named.timeline.at(0).text == "review owner <@alice> → <@dave>");
    CHECK(effects_of<notify_user>(named)[0].user == "dave");
    CHECK(contains(effects_of<notify_user>(named)[0].text,
                   "It opens when the incident is resolved."));

    decision resolved = w.act_in_channel("resolve");
    CHECK(effects_of<notify_user>(resolved).back().user == "dave");
    CHECK(contains(resolved.reply, "The review is <@dave>'s"));

    decision refused = w.in_channel("review owner=@erin", "frank");
    CHECK(refused.is_reply_only());
    CHECK(refused.reply == "Only the incident commander <@alice> or the review's owner <@dave> can "
                           "hand the review of #1 to someone else.");
    CHECK(w.in_channel("review owner=@dave").reply == "<@dave> already owns the review of #1.");
    CHECK(contains(w.in_channel("review owner=@zed").reply, "I don't know @zed."));
    CHECK(w.in_channel("review owner=@erin", "dave").saved_review->owner == "erin");
}

TEST_CASE("review: done closes a resolved incident; refused before and for others") {
    review_world w;
    decision early = w.in_channel("review done");
    CHECK(early.is_reply_only());
    CHECK(early.reply ==
          "The review of #1 opens when the incident is resolved: `/119 resolve` first.");
    w.act_in_channel("resolve");
    decision other = w.in_channel("review done", "bob");
    CHECK(other.is_reply_only());
    CHECK(other.reply == "Only the review's owner <@alice> or the incident commander <@alice> can "
                         "mark the review of #1 written.");

    decision done = w.act_in_channel("review done");
    REQUIRE(done.saved);
    CHECK(done.saved->current == stage::closed);
    REQUIRE(done.saved_review);
    CHECK(done.saved_review->written_at == w.now);
    CHECK(done.saved_review->written_by == "alice");
    CHECK(done.reply == "Marked the review of #1 written and closed the incident.");
    CHECK(w.pending_review_timers().empty());
    CHECK(std::any_of(w.incidents.timers.begin(), w.incidents.timers.end(),
                      [](const timer& t) { return t.kind == "archive"; }));
    CHECK(w.in_channel("review done").reply ==
          "The review of #1 is already written and the incident closed.");

    // Reopening clears the mark: the review must cover what came after.
    decision reopened = w.act_in_channel("reopen it is back");
    REQUIRE(reopened.saved_review);
    CHECK(!reopened.saved_review->written_at);
    CHECK(!reopened.saved_review->opened_at);
    w.act_in_channel("resolve");
    CHECK(w.current().current == stage::resolved);
    CHECK(w.pending_review_timers().size() == 4);
}

TEST_CASE("near miss: the IC marks it, pages are resolved and paging stops") {
    review_world w;
    decision refused = w.in_channel("near-miss", "bob");
    CHECK(refused.is_reply_only());
    CHECK(contains(refused.reply, "Only the incident commander <@alice> can mark as a near miss"));
    CHECK(contains(w.in_channel("near-miss S9").reply, "Unknown severity `S9`"));
    CHECK(contains(w.in_channel("near-miss S1 now").reply, "Give at most the severity"));

    decision d = w.act_in_channel("near-miss P1");
    REQUIRE(d.saved);
    CHECK(d.saved->near_miss);
    REQUIRE(d.saved_review);
    CHECK(d.saved_review->near_miss_level == severity::s1);
    CHECK(d.reply ==
          "Marked #1 a near miss (it would have been S1): nobody more is paged. Resolved 2 pages.");
    CHECK(kinds(d) == std::vector<std::string>{"update_message", "post_message", "resolve_page",
                                               "resolve_page"});
    CHECK(contains(std::get<update_message>(d.effects[0]).text, "*Near miss*"));
    CHECK(d.timeline.at(0).text == "near miss: it would have been S1");
    for (const auto& stop : {"escalation", "investigating"})
        CHECK(std::any_of(d.timers_stopped.begin(), d.timers_stopped.end(),
                          [&](const timer_cancel& c) { return c.kind == stop; }));
    CHECK(w.in_channel("near-miss S1").reply ==
          "#1 is already a near miss that would have been S1.");

    // The review keeps it, and resolving keeps the review's severity.
    w.act_in_channel("resolve");
    CHECK(w.the_review()->near_miss_level == severity::s1);
    CHECK(contains(commands::review_markdown(w.current(), w.incidents, w.config),
                   "> **Near miss**: caught before it hurt; it would have been S1."));
}

TEST_CASE("review: the Markdown of a small incident") {
    siren::testing::world w;
    w.people.on_call_now.erase("eoc");
    w.act("/incident", "declare S3 Search is slow --service search");
    const std::string search = "incident-20260324-search-is-slow";
    w.now += minutes{5};
    w.act("/119", "note the index | rebuild is stuck; <@bob> looks", "alice", search);
    w.act("/119", "action add rebuild alerts @bob ticket=OPS-7", "alice", search);
    w.now += minutes{25};
    w.act("/119", "resolve index rebuilt", "alice", search);
    w.act("/119", "action done 1", "bob", search);
    auto i = *w.incidents.find(1);
    CHECK(commands::review_markdown(i, w.incidents, w.config) ==
          R"(# Review of #1: Search is slow

- **Severity:** S3 (Low)
- **Service:** search
- **Stage:** resolved
- **Incident commander:** @alice
- **Review owner:** @alice
- **Declared:** 2026-03-24 08:15 UTC by @alice
- **Resolved:** 2026-03-24 08:45 UTC
- **Duration:** 30m
- **Provisional review due:** 2026-03-25 08:45 UTC
- **Full review due:** 2026-03-31 08:45 UTC
- **Review status:** draft

## Summary

index rebuilt

## Impact

- **Who was affected:** _To fill: customers, regions, internal teams; how many._
- **What they saw:** _To fill: errors, slowness, wrong data._ Public status at the end: operational.
- **How long:** 30m from declaration to resolution; _To fill: when it began, if before the declaration._
- **How it was detected:** _To fill: an alert, a customer, a colleague._

## Timeline

| time | who | what |
|---|---|---|
| 2026-03-24 08:15 UTC | @alice | declared S3: Search is slow |
| 2026-03-24 08:20 UTC | @alice | note: the index \| rebuild is stuck; @bob looks |
| 2026-03-24 08:45 UTC | @alice | summary: index rebuilt |
| 2026-03-24 08:45 UTC | @alice | resolved after 30m |

## Findings and root cause

_To fill: what happened and why, found by asking why until the answer is a thing to change rather than a person._

- **Root cause:** _To fill._
- **What went well:** _To fill._
- **What went badly:** _To fill._
- **Where we got lucky:** _To fill._

## Corrective actions

| # | action | owner | ticket | status |
|---|---|---|---|---|
| 1 | rebuild alerts | @bob | OPS-7 | done |
)");
}
