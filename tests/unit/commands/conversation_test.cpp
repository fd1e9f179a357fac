#include "commands/conversation.hpp"
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

// alice declared S1 #1 "Checkout returns 500" at 08:15 UTC; its Slack channel is C0INC. It is
// 08:35 now; dave wrote in the channel at 08:30.
struct conversation_world : siren::testing::world {
    conversation_world() {
        act("/incident", "declare S1 Checkout returns 500 --service checkout");
        incidents.incidents.front().channel_id = "C0INC";
        now += minutes{20};
    }

    // 2026-03-24 08:30:00 UTC
    commands::posted_message said(std::string text = "checkout pods are OOM-killed",
                                  user_id added_by = "bob") const {
        return {.channel = "C0INC",
                .ts = "1774341000.000200",
                .author = "dave",
                .text = std::move(text),
                .permalink = "https://acme.slack.com/archives/C0INC/p1774341000000200",
                .added_by = std::move(added_by)};
    }

    decision add(const commands::posted_message& m) {
        decision d = commands::add_message_to_timeline(m, ctx());
        incidents.save(d, now);
        return d;
    }

    std::vector<timeline_entry> messages() const {
        std::vector<timeline_entry> out;
        for (const auto& e : incidents.timeline(1))
            if (e.kind == entry_kind::message)
                out.push_back(e);
        return out;
    }
};

} // namespace

TEST_CASE("conversation: a marked message is copied into the timeline with its author and time") {
    conversation_world w;
    decision d = w.add(w.said());
    CHECK(d.reply.empty());
    REQUIRE(d.timeline.size() == 1);
    const timeline_entry& e = d.timeline.front();
    CHECK(e.incident == 1);
    CHECK(e.kind == entry_kind::message);
    CHECK(e.actor == "dave");
    CHECK(e.at == w.now - minutes{5}); // when it was said, not when it was marked
    CHECK(e.text == "said: checkout pods are OOM-killed — "
                    "https://acme.slack.com/archives/C0INC/p1774341000000200 · added by <@bob>");
    CHECK(e.source == "C0INC/1774341000.000200");
    // A short confirmation in the channel, by name as every channel effect.
    CHECK(kinds(d) == std::vector<std::string>{"post_message"});
    auto post = effects_of<post_message>(d).front();
    CHECK(post.channel == channel);
    CHECK(post.text == "<@bob> added <@dave>'s message to the timeline of #1.");
    CHECK_FALSE(d.saved); // the incident itself does not change
}

TEST_CASE("conversation: a message is copied once however often it is marked") {
    conversation_world w;
    REQUIRE_FALSE(w.add(w.said()).is_reply_only());
    decision again = w.add(w.said("checkout pods are OOM-killed", "carol"));
    CHECK(again.is_reply_only());
    CHECK(again.reply == "That message is already in the timeline of #1.");
    CHECK(w.messages().size() == 1);
    // Another message of the same channel is a new entry.
    auto other = w.said("rolled back 4.2.1");
    other.ts = "1774341060.000100";
    CHECK_FALSE(w.add(other).is_reply_only());
    CHECK(w.messages().size() == 2);
}

TEST_CASE("conversation: outside an incident's channel nothing is copied") {
    conversation_world w;
    auto elsewhere = w.said();
    elsewhere.channel = "C0GENERAL";
    decision d = w.add(elsewhere);
    CHECK(d.is_reply_only());
    CHECK(contains(d.reply, "works only in an incident's channel"));
    elsewhere.channel = "";
    CHECK(w.add(elsewhere).is_reply_only());
    CHECK(w.messages().empty());
}

TEST_CASE("conversation: the copy is one line, shortened, with special mentions made harmless") {
    conversation_world w;
    std::string long_text = "<!here> first line\n\nsecond   line " + std::string(600, 'x');
    decision d = w.add(w.said(long_text, "dave"));
    REQUIRE(d.timeline.size() == 1);
    const std::string& text = d.timeline.front().text;
    CHECK(text.find('\n') == std::string::npos);
    CHECK_FALSE(contains(text, "<!here>"));
    CHECK(contains(text, "first line second line xxx"));
    CHECK(contains(text, "…"));
    CHECK(text.size() < 600);
    // Marked by its own author: no "added by", and the confirmation says "their".
    CHECK_FALSE(contains(text, "added by"));
    CHECK(effects_of<post_message>(d).front().text ==
          "<@dave> added their message to the timeline of #1.");
}

TEST_CASE("conversation: a message without text, author, permalink or a readable ts") {
    conversation_world w;
    commands::posted_message bare{.channel = "C0INC",
                                  .ts = "not-a-ts",
                                  .author = "",
                                  .text = "",
                                  .permalink = "",
                                  .added_by = "bob"};
    decision d = w.add(bare);
    REQUIRE(d.timeline.size() == 1);
    CHECK(d.timeline.front().text == "posted a message without text · added by <@bob>");
    CHECK(d.timeline.front().at == w.now);
    CHECK(effects_of<post_message>(d).front().text ==
          "<@bob> added a message to the timeline of #1.");
}

TEST_CASE("conversation: a copied message shows in /119 history at the time it was said") {
    conversation_world w;
    w.add(w.said());
    w.act("/119", "note failed over", "alice", channel); // 08:35, after the message
    decision history = w.run("/119", "history", "alice", channel);
    auto said = history.reply.find("said: checkout pods");
    auto note = history.reply.find("failed over");
    REQUIRE(said != std::string::npos);
    REQUIRE(note != std::string::npos);
    CHECK(said < note);
    CHECK(contains(history.reply, "08:30 UTC · <@dave> · said: checkout pods are OOM-killed"));
}

TEST_CASE("conversation: only the configured reaction, in an incident's channel, is wanted") {
    conversation_world w;
    CHECK(commands::is_timeline_reaction("pushpin", "C0INC", w.ctx()));
    CHECK(commands::is_timeline_reaction("pushpin::skin-tone-3", "C0INC", w.ctx()));
    CHECK(commands::is_timeline_reaction("pushpin", channel, w.ctx()));
    CHECK_FALSE(commands::is_timeline_reaction("eyes", "C0INC", w.ctx()));
    CHECK_FALSE(commands::is_timeline_reaction("pushpin", "C0GENERAL", w.ctx()));
    CHECK_FALSE(commands::is_timeline_reaction("pushpin", "", w.ctx()));
    w.config.slack.timeline_reaction = "round_pushpin";
    CHECK_FALSE(commands::is_timeline_reaction("pushpin", "C0INC", w.ctx()));
    CHECK(commands::is_timeline_reaction("round_pushpin", "C0INC", w.ctx()));
    w.config.slack.timeline_reaction = "";
    CHECK_FALSE(commands::is_timeline_reaction("", "C0INC", w.ctx()));
    CHECK_FALSE(commands::is_timeline_reaction("pushpin", "C0INC", w.ctx()));
}
