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

// alice declared S1 #1 "Checkout returns 500" for checkout 20 minutes ago; bob (EOC) and carol
// (IMOC) were paged.
struct incident_world : siren::testing::world {
    incident_world() {
        act("/incident", "declare S1 Checkout returns 500 --service checkout");
        now += minutes{20};
    }

    decision in_channel(std::string text, user_id user = "alice") const {
        return run("/119", std::move(text), std::move(user), channel);
    }
    decision act_in_channel(std::string text, user_id user = "alice") {
        return act("/119", std::move(text), std::move(user), channel);
    }
    const incident& current() const { return incidents.incidents.front(); }
};

} // namespace

TEST_CASE("commands: /119 outside an incident channel says where it works") {
    incident_world w;
    decision d = w.run("/119", "update stage=identified", "alice", "general");
    CHECK(d.is_reply_only());
    CHECK(d.reply ==
          "These commands are only available in incident channels. Use `/incident list` to "
          "find one.");
    for (auto sub : {"status", "history", "note hi", "resolve", "handover @bob", "reopen"})
        CHECK(w.run("/119", sub, "alice", "general").reply == d.reply);
}

TEST_CASE("commands: /119 finds the incident by channel id as well as by name") {
    incident_world w;
    w.incidents.incidents.front().channel_id = "C0123";
    decision d = w.run("/119", "update stage=investigating", "alice", "C0123");
    REQUIRE(d.saved);
    CHECK(std::get<update_message>(d.effects[0]).channel == channel);
}

TEST_CASE("commands: the commander updates stage, status and summary in one command") {
    incident_world w;
    decision d =
        w.in_channel(R"(update stage=identified status=disruption summary="cache node lost")");
    REQUIRE(d.saved);
    CHECK(d.saved->current == stage::identified);
    CHECK(d.saved->status == public_status::service_disruption);
    CHECK(d.saved->summary == "cache node lost");
    CHECK(d.saved->updated_at == w.now);
    CHECK(d.saved->declared_at == w.now - minutes{20});

    REQUIRE(d.timeline.size() == 3);
    CHECK(d.timeline[0].kind == entry_kind::stage);
    CHECK(d.timeline[0].text == "stage declared → identified");
    CHECK(d.timeline[0].actor == "alice");
    CHECK(d.timeline[0].at == w.now);
    CHECK(d.timeline[0].incident == 1);
    CHECK(d.timeline[1].kind == entry_kind::status);
    CHECK(d.timeline[1].text == "status partial service disruption → service disruption");
    CHECK(d.timeline[2].kind == entry_kind::summary);
    CHECK(d.timeline[2].text == "summary: cache node lost");

    CHECK(kinds(d) ==
          std::vector<std::string>{"update_message", "set_topic", "post_message", "post_message"});
    auto intro = std::get<update_message>(d.effects[0]);
    CHECK(intro.channel == channel);
    CHECK(intro.key == "intro");
    CHECK(contains(intro.text, "*Stage:* identified"));
    CHECK(contains(intro.text, "*Status:* service disruption"));
    CHECK(contains(intro.text, "*Summary:* cache node lost"));
    CHECK(std::get<set_topic>(d.effects[1]).topic ==
          "S1 · identified · IC <@alice> · Checkout returns 500");
    auto post = std::get<post_message>(d.effects[2]);
    CHECK(post.channel == channel);
    CHECK(post.key.empty());
    CHECK(post.text == "<@alice> updated #1: stage declared → identified · status partial "
                       "service disruption → service disruption · summary: cache node lost");
    auto announcement = std::get<post_message>(d.effects[3]);
    CHECK(announcement.channel == "production");
    CHECK(announcement.text ==
          "*#1 Checkout returns 500* (S1): stage declared → identified · status partial service "
          "disruption → service disruption. Follow in <#" +
              channel + ">.");
    CHECK(d.reply == "Updated #1: stage declared → identified · status partial service "
                     "disruption → service disruption · summary: cache node lost.");
}

TEST_CASE("commands: a summary-only update changes neither topic nor announcement") {
    incident_world w;
    decision d = w.in_channel("update summary='rolled back 1.42'");
    CHECK(kinds(d) == std::vector<std::string>{"update_message", "post_message"});
}

TEST_CASE("commands: the commander assigns roles; each assignee is invited and told") {
    incident_world w;
    decision d = w.in_channel("update tl=@bob em=<@grace|grace>");
    REQUIRE(d.saved);
    CHECK(d.saved->roles.at(role::tl) == "bob");
    CHECK(d.saved->roles.at(role::em) == "grace");
    REQUIRE(d.timeline.size() == 2);
    CHECK(d.timeline[0].kind == entry_kind::role);
    CHECK(d.timeline[0].text == "TL <@bob>");
    CHECK(d.timeline[1].text == "EM <@grace>");
    CHECK(kinds(d) == std::vector<std::string>{"invite_users", "update_message", "post_message",
                                               "notify_user"});
    CHECK(std::get<invite_users>(d.effects[0]).users == std::vector<user_id>{"bob", "grace"});
    CHECK(contains(std::get<update_message>(d.effects[1]).text, "TL (Tech Lead): <@bob>"));
    auto duties = std::get<notify_user>(d.effects[3]); // EM has no duties configured
    CHECK(duties.user == "bob");
    CHECK(contains(duties.text, "You are now the Tech Lead (TL) of *#1 Checkout returns 500*"));
    CHECK(contains(duties.text, "Find and fix the cause."));

    w.incidents.save(d);
    decision reassign = w.in_channel("update tl=@carol");
    REQUIRE(reassign.saved);
    CHECK(reassign.timeline[0].text == "TL <@bob> → <@carol>");
}

TEST_CASE("commands: anyone takes a free role themselves, but not a taken one or for others") {
    incident_world w;
    decision self = w.in_channel("update cl=me", "frank");
    REQUIRE(self.saved);
    CHECK(self.saved->roles.at(role::cl) == "frank");
    CHECK(kinds(self) == std::vector<std::string>{"update_message", "post_message",
                                                  "notify_user"}); // already in the channel
    CHECK(std::get<notify_user>(self.effects[2]).user == "frank");
    w.incidents.save(self);

    decision others = w.in_channel("update em=@grace", "frank");
    CHECK(others.is_reply_only());
    CHECK(contains(others.reply, "Only the incident commander <@alice> can assign others. You "
                                 "can take a free role yourself: `/119 update em=me`."));

    decision taken = w.in_channel("update cl=@grace", "grace");
    CHECK(taken.is_reply_only());
    CHECK(
        contains(taken.reply,
                 "CL is held by <@frank>; only the incident commander <@alice> can reassign it."));

    decision same = w.in_channel("update cl=me", "frank");
    CHECK(contains(same.reply, "<@frank> is already CL."));
}

TEST_CASE("commands: role holders change stage and status, not severity or the end") {
    incident_world w;
    w.act_in_channel("update tl=@bob");

    decision stage_change = w.in_channel("update stage=investigating status=degraded", "bob");
    REQUIRE(stage_change.saved);
    CHECK(stage_change.saved->current == stage::investigating);
    CHECK(stage_change.timeline[0].actor == "bob");

    decision severity_change = w.in_channel("update sev=S0", "bob");
    CHECK(severity_change.is_reply_only());
    CHECK(contains(severity_change.reply,
                   "Only the incident commander <@alice> can change the severity of #1. Ask "
                   "them, or ask them to hand over with `/119 handover`."));

    decision resolving = w.in_channel("update stage=resolved", "bob");
    CHECK(resolving.is_reply_only());
    CHECK(contains(resolving.reply, "Only the incident commander <@alice> can resolve #1."));

    decision handing = w.in_channel("update ic=@bob", "bob");
    CHECK(handing.is_reply_only());
    CHECK(contains(handing.reply, "Only the incident commander <@alice> can hand over #1."));
}

TEST_CASE("commands: people without a role are told why and whom to ask") {
    incident_world w;
    decision d = w.in_channel("update status=ok", "grace");
    CHECK(d.is_reply_only());
    CHECK(d.reply == "Only people with a role in #1 can change its status. Ask the incident "
                     "commander <@alice>, or take a free role with `/119 update tl=me`.\n"
                     "Usage: `/119 update [stage=…] [status=…] [sev=…] [ic=@user] [tl=@user] "
                     "[cl=@user] [em=@user] [summary=\"…\"]`");
}

TEST_CASE("commands: an update with several problems stores nothing and lists them all") {
    incident_world w;
    decision d = w.in_channel("update stage=nowhere stauts=ok tl=@zed sev=S9 banana stage=x");
    CHECK(d.is_reply_only());
    CHECK(d.reply.starts_with("Nothing was changed:\n• "));
    for (auto problem : {"`banana` is not a change: write key=value, e.g. `stage=identified`.",
                         "Unknown key `stauts`. Did you mean `status`?", "`stage` is given twice.",
                         "Unknown stage `nowhere`.", "Unknown severity `S9` (S0 is the worst).",
                         "I don't know @zed.", "Usage: `/119 update"})
        CHECK(contains(d.reply, problem));

    decision partly = w.in_channel("update stage=identified tl=@zed");
    CHECK(partly.is_reply_only());
    CHECK(partly.reply.starts_with("I don't know @zed.\nUsage:"));
}

TEST_CASE("commands: update values accept aliases and report what is already so") {
    incident_world w;
    decision d = w.in_channel("update severity=P2 tech-lead=@bob");
    REQUIRE(d.saved);
    CHECK(d.saved->level == severity::s2);
    CHECK(d.saved->roles.at(role::tl) == "bob");
    CHECK(d.timeline[0].text == "severity S1 → S2");
    // S1 announced, so the downgrade is announced too.
    CHECK(effects_of<post_message>(d).back().channel == "production");
    CHECK(effects_of<set_topic>(d).front().topic ==
          "S2 · declared · IC <@alice> · Checkout returns 500");

    CHECK(contains(w.in_channel("update status=partial").reply,
                   "The status is already partial service disruption."));
    CHECK(contains(w.in_channel("update stage=declared").reply, "#1 is already declared."));
    CHECK(contains(w.in_channel("update sev=P1").reply, "#1 is already S1."));
    CHECK(contains(w.in_channel("update ic=me").reply, "<@alice> is already IC."));
    CHECK(contains(w.in_channel("update tl=bob smith").reply, "`smith` is not a change"));
}

TEST_CASE("commands: stage transitions follow the rules") {
    incident_world w;
    CHECK(contains(w.in_channel("update stage=closed").reply,
                   "You can't move #1 to closed: resolve the incident before closing it."));
    w.act_in_channel("update stage=investigating");
    CHECK(contains(w.in_channel("update stage=declared").reply,
                   "You can't move #1 to declared: an incident cannot go back to declared."));
    w.act_in_channel("resolve");
    CHECK(contains(w.in_channel("update stage=investigating").reply,
                   "You can't move #1 to investigating: the incident is resolved; reopen it to "
                   "move it back to investigating."));
    CHECK(contains(w.in_channel("update stage=closed", "bob").reply,
                   "Only the incident commander <@alice> can close #1."));
    decision early = w.in_channel("update stage=closed");
    CHECK(early.is_reply_only());
    CHECK(contains(early.reply, "You can't close #1 before its review is written: `/119 review "
                                "done` marks it written and closes the incident."));
    decision closing = w.in_channel("review done");
    REQUIRE(closing.saved);
    CHECK(closing.saved->current == stage::closed);
    CHECK(closing.timeline[0].text == "stage resolved → closed");
}

TEST_CASE("commands: resolving through update behaves like resolve") {
    incident_world w;
    decision d = w.in_channel("update stage=resolved");
    REQUIRE(d.saved);
    CHECK(d.saved->current == stage::resolved);
    CHECK(d.saved->status == public_status::operational);
    CHECK(d.saved->resolved_at == w.now);
    REQUIRE(d.timeline.size() == 1);
    CHECK(d.timeline[0].kind == entry_kind::resolved);
    CHECK(d.timeline[0].text == "resolved after 20m");
    auto resolved = effects_of<resolve_page>(d);
    REQUIRE(resolved.size() == 2);
    CHECK(resolved[0].dedup_key == "siren-1-eoc");
    CHECK(resolved[1].dedup_key == "siren-1-imoc");
    CHECK(contains(d.reply, "Resolved 2 pages."));
}

TEST_CASE("commands: handing over through update is the commander's") {
    incident_world w;
    decision d = w.in_channel("update ic=@carol");
    REQUIRE(d.saved);
    CHECK(owner(*d.saved) == "carol");
    REQUIRE(d.timeline.size() == 1);
    CHECK(d.timeline[0].kind == entry_kind::handover);
    CHECK(d.timeline[0].text == "IC <@alice> → <@carol>");
    CHECK(kinds(d) == std::vector<std::string>{"invite_users", "update_message", "set_topic",
                                               "post_message", "notify_user"});
}

TEST_CASE("commands: update without arguments asks with a form of the current values") {
    incident_world w;
    w.act_in_channel("update tl=@bob");
    decision d = w.in_channel("update");
    CHECK(d.is_reply_only());
    REQUIRE(d.form);
    CHECK(d.form->id == "update");
    CHECK(d.form->title == "Update #1");
    std::map<std::string, std::string> initial;
    for (const auto& f : d.form->fields)
        initial[f.key] = f.initial;
    CHECK(initial == std::map<std::string, std::string>{{"stage", "declared"},
                                                        {"status", "partial_service_disruption"},
                                                        {"sev", "S1 (P1)"},
                                                        {"ic", "@alice"},
                                                        {"tl", "@bob"},
                                                        {"cl", ""},
                                                        {"em", ""},
                                                        {"summary", ""}});
}

TEST_CASE("commands: update answers change only what differs from the current values") {
    incident_world w;
    std::map<std::string, std::string> answers = {
        {"stage", "investigating"},
        {"status", "partial_service_disruption"},
        {"sev", "S1 (P1)"},
        {"ic", "@alice"},
        {"tl", "@bob"},
        {"cl", ""},
        {"em", ""},
        {"summary", ""},
    };
    decision d = w.run("/119", "update", "alice", channel, answers);
    REQUIRE(d.saved);
    REQUIRE(d.timeline.size() == 2);
    CHECK(d.timeline[0].text == "stage declared → investigating");
    CHECK(d.timeline[1].text == "TL <@bob>");

    answers["stage"] = "declared";
    answers["tl"] = "";
    decision nothing = w.run("/119", "update", "alice", channel, answers);
    CHECK(nothing.is_reply_only());
    CHECK(nothing.reply == "Nothing to change: the answers are the current values of #1.");

    decision wrong =
        w.run("/119", "update", "alice", channel, {{"stage", "bogus"}, {"tl", "@zed"}});
    CHECK(wrong.is_reply_only());
    CHECK(contains(wrong.reply, "• *Stage*: Unknown stage `bogus`."));
    CHECK(contains(wrong.reply, "• *Tech Lead (TL)*: I don't know @zed."));
}

TEST_CASE("commands: status answers with roles, the cascade and times") {
    incident_world w;
    w.act_in_channel("update tl=@bob");
    w.now += minutes{5};
    decision d = w.in_channel("status", "grace");
    CHECK(d.is_reply_only());
    CHECK(d.reply == "*#1 Checkout returns 500* · S1 · <#" + channel +
                         ">\n*Stage:* declared · *Status:* partial service disruption\n"
                         "IC (Incident Commander): <@alice>\n"
                         "TL (Tech Lead): <@bob>\n"
                         "CL (Communications Lead): Unassigned (duties with <@bob>)\n"
                         "EM (Engineering Manager): Unassigned (duties with <@bob>)\n"
                         "Open for 25m · last update 5m ago");
    CHECK(contains(w.in_channel("status now").reply, "`/119 status` takes no arguments."));
}

TEST_CASE("commands: history pages 50 entries in the reader's time zone") {
    incident_world w;
    w.people.zones["alice"] = "Europe/Berlin";
    for (int k = 0; k < 117; ++k)
        w.incidents.entries.push_back(
            {1, w.now, "bob", entry_kind::note, "note " + std::to_string(k)});

    decision first = w.in_channel("history");
    CHECK(first.is_reply_only());
    CHECK(first.reply.starts_with(
        "*History of #1* · page 1 of 3 — `/119 history 2` for more\n"
        "2026-03-24 09:15 CET · <@alice> · declared S1: Checkout returns 500\n"
        "2026-03-24 09:15 CET · <@alice> · paged <@bob> (eoc) dedup siren-1-eoc\n"));
    CHECK(std::count(first.reply.begin(), first.reply.end(), '\n') == 50);

    decision last = w.in_channel("history 3", "grace");
    CHECK(last.reply.starts_with("*History of #1* · page 3 of 3\n2026-03-24 08:35 UTC · <@bob> · "
                                 "note 97\n"));
    CHECK(std::count(last.reply.begin(), last.reply.end(), '\n') == 20);

    CHECK(contains(w.in_channel("history 4").reply, "The history of #1 has 3 pages."));
    CHECK(contains(w.in_channel("history two").reply, "`two` is not a page number"));
    CHECK(contains(w.in_channel("history 0").reply, "`0` is not a page number"));
}

TEST_CASE("commands: a short history has no page line") {
    incident_world w;
    decision d = w.in_channel("history", "grace");
    CHECK(d.reply == "*History of #1*\n"
                     "2026-03-24 08:15 UTC · <@alice> · declared S1: Checkout returns 500\n"
                     "2026-03-24 08:15 UTC · <@alice> · paged <@bob> (eoc) dedup siren-1-eoc\n"
                     "2026-03-24 08:15 UTC · <@alice> · paged <@carol> (imoc) dedup "
                     "siren-1-imoc");
}

TEST_CASE("commands: anyone adds a note to the timeline") {
    incident_world w;
    decision d = w.in_channel("note failed over to the replica; it's \"fine\"", "grace");
    CHECK_FALSE(d.saved);
    CHECK(d.effects.empty());
    REQUIRE(d.timeline.size() == 1);
    CHECK(d.timeline[0].incident == 1);
    CHECK(d.timeline[0].kind == entry_kind::note);
    CHECK(d.timeline[0].actor == "grace");
    CHECK(d.timeline[0].at == w.now);
    CHECK(d.timeline[0].text == "failed over to the replica; it's \"fine\"");
    CHECK(d.reply == "Noted in the timeline of #1.");

    CHECK(contains(w.in_channel("note").reply, "Write the note after the command"));
    CHECK(contains(w.in_channel("note " + std::string(3001, 'n')).reply,
                   "The note is 3001 characters long; the limit is 3000."));
    CHECK(w.in_channel("note " + std::string(3000, 'n')).timeline.size() == 1);
    CHECK(contains(w.in_channel("note bad\x1b[0m").reply, "control character (U+001B)"));
}

TEST_CASE("commands: the commander resolves, which resolves every page") {
    incident_world w;
    decision d = w.in_channel("resolve cache restored");
    REQUIRE(d.saved);
    CHECK(d.saved->current == stage::resolved);
    CHECK(d.saved->status == public_status::operational);
    CHECK(d.saved->resolved_at == w.now);
    CHECK(d.saved->summary == "cache restored");
    REQUIRE(d.timeline.size() == 2);
    CHECK(d.timeline[0].kind == entry_kind::summary);
    CHECK(d.timeline[1].kind == entry_kind::resolved);
    CHECK(d.timeline[1].text == "resolved after 20m");
    CHECK(kinds(d) == std::vector<std::string>{"update_message", "set_topic", "post_message",
                                               "resolve_page", "resolve_page", "post_message",
                                               "notify_user"});
    CHECK(contains(std::get<update_message>(d.effects[0]).text, "*Stage:* resolved after 20m"));
    CHECK(std::get<set_topic>(d.effects[1]).topic ==
          "S1 · resolved · IC <@alice> · Checkout returns 500");
    CHECK(std::get<post_message>(d.effects[2]).text ==
          "<@alice> updated #1: summary: cache restored · resolved after 20m");
    CHECK(std::get<resolve_page>(d.effects[3]).dedup_key == "siren-1-eoc");
    CHECK(std::get<resolve_page>(d.effects[4]).dedup_key == "siren-1-imoc");
    CHECK(std::get<post_message>(d.effects[5]).channel == "production");
    CHECK(contains(std::get<post_message>(d.effects[5]).text, "resolved after 20m"));
    CHECK(d.reply == "Resolved #1 after 20m. Resolved 2 pages. The review is <@alice>'s: a first "
                     "draft (`/119 review`) is due by 2026-03-25 08:35 UTC, the full review "
                     "(`/119 review done`) by 2026-03-31 08:35 UTC.");

    w.incidents.save(d);
    CHECK(w.in_channel("resolve").reply ==
          "You can't resolve #1: the incident is already resolved.");
}

TEST_CASE("commands: only the commander resolves") {
    incident_world w;
    decision d = w.in_channel("resolve", "bob");
    CHECK(d.is_reply_only());
    CHECK(d.reply == "Only the incident commander <@alice> can resolve #1. Ask them, or ask them "
                     "to hand over with `/119 handover`.");
}

TEST_CASE("commands: resolving a security incident resolves its pages without announcing") {
    siren::testing::world w;
    w.act("/incident", "declare S1 Leaked keys --security");
    decision d = w.run("/119", "resolve", "alice", "incident-20260324-leaked-keys");
    auto resolved = effects_of<resolve_page>(d);
    REQUIRE(resolved.size() == 3);
    CHECK(resolved[2].dedup_key == "siren-1-security");
    CHECK(effects_of<post_message>(d).size() == 1); // in the channel only
}

TEST_CASE("commands: the commander hands over to someone known") {
    incident_world w;
    decision d = w.in_channel("handover @carol");
    REQUIRE(d.saved);
    CHECK(d.saved->roles.at(role::ic) == "carol");
    REQUIRE(d.timeline.size() == 1);
    CHECK(d.timeline[0].kind == entry_kind::handover);
    CHECK(d.timeline[0].text == "IC <@alice> → <@carol>");
    CHECK(kinds(d) == std::vector<std::string>{"invite_users", "update_message", "set_topic",
                                               "post_message", "notify_user"});
    CHECK(std::get<invite_users>(d.effects[0]).users == std::vector<user_id>{"carol"});
    CHECK(
        contains(std::get<update_message>(d.effects[1]).text, "IC (Incident Commander): <@carol>"));
    CHECK(std::get<set_topic>(d.effects[2]).topic ==
          "S1 · declared · IC <@carol> · Checkout returns 500");
    auto duties = std::get<notify_user>(d.effects[4]);
    CHECK(duties.user == "carol");
    CHECK(contains(duties.text, "Coordinate the response"));
    CHECK(d.reply == "Handed #1 over to <@carol>, the incident commander now.");

    CHECK(contains(w.in_channel("handover @carol", "bob").reply,
                   "Only the incident commander <@alice> can hand over #1."));
    CHECK(contains(w.in_channel("handover @zed").reply, "I don't know @zed."));
    CHECK(w.in_channel("handover @alice").reply == "You are already the incident commander of #1.");
    CHECK(contains(w.in_channel("handover").reply, "Usage: `/119 handover @user`"));
    CHECK(contains(w.in_channel("handover @bob @carol").reply, "Name the one person"));
}

TEST_CASE("commands: a resolved incident is reopened by a role holder or a former commander") {
    incident_world w;
    CHECK(w.in_channel("reopen").reply ==
          "You can't reopen #1: the incident is still open (declared).");
    w.act_in_channel("handover @carol");
    w.act_in_channel("handover @dave", "carol");
    w.act_in_channel("resolve", "dave");

    CHECK(w.in_channel("reopen", "frank").reply ==
          "Only people with a role in #1 or who were its incident commander can reopen it. Ask "
          "<@dave>.");

    decision d = w.in_channel("reopen errors are back", "carol");
    REQUIRE(d.saved);
    CHECK(d.saved->current == stage::investigating);
    CHECK_FALSE(d.saved->resolved_at);
    CHECK(d.saved->status == public_status::partial_service_disruption);
    REQUIRE(d.timeline.size() == 1);
    CHECK(d.timeline[0].kind == entry_kind::reopened);
    CHECK(d.timeline[0].actor == "carol");
    CHECK(d.timeline[0].text == "reopened: errors are back");
    CHECK(kinds(d) ==
          std::vector<std::string>{"update_message", "set_topic", "post_message", "post_message"});
    CHECK(std::get<set_topic>(d.effects[1]).topic ==
          "S1 · investigating · IC <@dave> · Checkout returns 500");
    CHECK(d.reply == "Reopened #1: it is investigating again.");

    CHECK(w.in_channel("reopen", "dave").saved);  // the commander
    CHECK(w.in_channel("reopen", "alice").saved); // who declared it
}

TEST_CASE("commands: an incident without a commander is anyone's to take") {
    incident_world w;
    w.incidents.incidents.front().roles.erase(role::ic);
    CHECK_FALSE(w.in_channel("update ic=@bob", "dave").saved);
    decision d = w.in_channel("update ic=me", "dave");
    REQUIRE(d.saved);
    CHECK(d.saved->roles.at(role::ic) == "dave");
}
