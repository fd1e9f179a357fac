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

// alice declared S1 #1 for checkout; bob is TL; frank has no role.
struct follow_up_world : siren::testing::world {
    follow_up_world() {
        act("/incident", "declare S1 Checkout returns 500 --service checkout");
        act("/119", "update tl=@bob", "alice", channel);
    }
    decision in_channel(std::string text, user_id user = "alice") const {
        return run("/119", std::move(text), std::move(user), channel);
    }
    decision act_in_channel(std::string text, user_id user = "alice") {
        return act("/119", std::move(text), std::move(user), channel);
    }
};

} // namespace

TEST_CASE("follow-ups: a role holder adds one with an owner and a ticket") {
    follow_up_world w;
    decision d = w.act_in_channel(R"(action add "alert on the 5xx rate" @carol ticket=OPS-12)");
    REQUIRE(d.actions_saved.size() == 1);
    const auto& a = d.actions_saved[0];
    CHECK(a.incident == 1);
    CHECK(a.number == 1);
    CHECK(a.text == "alert on the 5xx rate");
    CHECK(a.owner == "carol");
    CHECK(a.ticket == "OPS-12");
    CHECK(!a.done);
    CHECK(d.reply == "Added follow-up 1 to #1. Mark it done with `/119 action done 1`.");
    CHECK(kinds(d) == std::vector<std::string>{"post_message", "notify_user"});
    CHECK(effects_of<post_message>(d)[0].text ==
          "<@alice> added follow-up 1 · open · alert on the 5xx rate · <@carol> · OPS-12 to #1.");
    CHECK(effects_of<notify_user>(d)[0].user == "carol");

    decision second = w.act_in_channel("action add check the cache TTLs", "bob");
    REQUIRE(second.actions_saved.size() == 1);
    CHECK(second.actions_saved[0].number == 2);
    CHECK(second.actions_saved[0].owner.empty());
    CHECK(second.actions_saved[0].text == "check the cache TTLs");
    CHECK(kinds(second) == std::vector<std::string>{"post_message"});

    CHECK(w.in_channel("actions", "frank").reply ==
          "*Follow-ups of #1* (2, 2 open)\n"
          "• 1 · open · alert on the 5xx rate · <@carol> · OPS-12\n"
          "• 2 · open · check the cache TTLs · no owner");
    CHECK(w.in_channel("action list").reply == w.in_channel("actions").reply);
}

TEST_CASE("follow-ups: bad input is refused with what to write, and changes nothing") {
    follow_up_world w;
    auto refused = [&](std::string text, std::string_view part, user_id user = "alice") {
        decision d = w.in_channel(std::move(text), std::move(user));
        CHECK(d.is_reply_only());
        CHECK_MESSAGE(contains(d.reply, part), d.reply);
    };
    refused("action add", "Say what is to be done, e.g. `/119 action add");
    refused("action add @bob", "Say what is to be done");
    refused("action add fix it @zed", "I don't know @zed.");
    refused("action add fix it @bob @carol", "Name one owner");
    refused("action add fix it ticket=A ticket=B", "`ticket` is given twice.");
    refused("action add \"fix it", "is never closed");
    refused("action", "Say what to do with follow-ups: `add` or `done`.");
    refused("action ad fix", "Unknown action verb `ad`. Did you mean `add`?");
    refused("action done", "a follow-up number");
    refused("action done two", "a follow-up number");
    refused("action done 3", "There is no follow-up 3 in #1: `/119 actions` lists them.");
    refused("actions now", "`/119 actions` takes no arguments.");
    refused("action add fix it",
            "Only people with a role in #1 or the owner of its review <@alice> "
            "can add follow-up actions.",
            "frank");
    CHECK(w.in_channel("actions").reply ==
          "No follow-ups for #1 yet: add one with `/119 action add <text> [@owner] [ticket=ID]`.");
    CHECK(w.run("/119", "actions", "alice", "general").reply ==
          "These commands are only available in incident channels. Use `/incident list` to "
          "find one.");
}

TEST_CASE("follow-ups: the owner, a role holder or the review owner marks one done") {
    follow_up_world w;
    w.act_in_channel("action add alert on the 5xx rate @carol");
    w.act_in_channel("action add check TTLs");
    decision theirs = w.in_channel("action done 1", "carol"); // no role, but it is hers
    REQUIRE(theirs.actions_saved.size() == 1);
    CHECK(theirs.actions_saved[0].done);
    CHECK(theirs.actions_saved[0].text == "alert on the 5xx rate");
    CHECK(theirs.reply == "Marked follow-up 1 of #1 done.");
    CHECK(effects_of<post_message>(theirs)[0].text ==
          "<@carol> finished follow-up 1 · done · alert on the 5xx rate · <@carol>.");

    decision refused = w.in_channel("action done 2", "frank");
    CHECK(refused.is_reply_only());
    CHECK(contains(refused.reply, "can mark others' follow-ups done"));

    w.act_in_channel("review owner=@dave");
    CHECK(w.in_channel("action done 2", "dave").actions_saved.size() == 1);
    w.act_in_channel("action done 2", "bob");
    decision again = w.in_channel("action done 2");
    CHECK(again.is_reply_only());
    CHECK(again.reply == "Follow-up 2 of #1 is done already.");
}

TEST_CASE("follow-ups: open ones are listed in the hand-over digest") {
    follow_up_world w;
    w.act_in_channel("action add alert on the 5xx rate @carol");
    w.act_in_channel("action add check TTLs");
    w.act_in_channel("action done 2");
    REQUIRE(w.incidents.follow_ups.size() == 2);
    CHECK(!w.incidents.follow_ups[0].done);
    CHECK(w.incidents.follow_ups[1].done);
}
