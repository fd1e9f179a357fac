#include "commands/families.hpp"
#include "commands/oncall_time.hpp"
#include "core/rotation.hpp"
#include "tests/unit/commands/fakes.hpp"

#include <stdexcept>

#include <doctest/doctest.h>

using namespace siren;
using namespace std::chrono_literals;
using siren::testing::effects_of;
using siren::testing::kinds;

namespace {

bool contains(std::string_view text, std::string_view part) {
    return text.find(part) != std::string_view::npos;
}

time_point at(std::string_view iso) {
    return parse_iso8601(iso).value();
}

rotation_settings& rotation(settings& config, std::string_view name) {
    for (auto& r : config.rotations)
        if (r.name == name)
            return r;
    throw std::logic_error("no rotation " + std::string(name));
}

// It is Tuesday 2026-03-24 08:15 UTC. eoc hands over weekly on Mondays at 09:00 in
// Europe/Berlin from 2026-03-16: bob holds it this week (until 2026-03-30 07:00Z), then carol;
// its secondary track has erin this week, then dave. imoc hands over on Mondays at 09:00 UTC:
// carol this week, then frank. cmoc has no members; security has erin all the time. The
// directory's schedules are what core computes from this configuration (without overrides).
// alice reads times in Berlin, bob in New York, everyone else in UTC.
struct oncall_world : siren::testing::world {
    oncall_world() {
        for (const char* handle : {"alice", "bob", "carol", "dave", "erin", "frank", "grace"})
            config.people.push_back({.handle = handle});
        rotation_settings& eoc = rotation(config, "eoc");
        eoc.description = "Engineer On Call";
        eoc.members = {"alice", "bob", "carol"};
        eoc.secondary = {"dave", "erin"};
        eoc.time_zone = "Europe/Berlin";
        eoc.start = std::chrono::sys_days{2026y / 3 / 16};
        eoc.channel = "oncall-eoc";
        rotation_settings& imoc = rotation(config, "imoc");
        imoc.members = {"frank", "carol"};
        imoc.start = std::chrono::sys_days{2026y / 3 / 16};
        rotation(config, "security").members = {"erin"};
        people.on_call_now.erase("eoc");
        people.on_call_now.erase("imoc");
        people.on_call_now.erase("cmoc");
        schedule("eoc");
        schedule("eoc:secondary");
        schedule("imoc");
        people.zones = {{"alice", "Europe/Berlin"}, {"bob", "America/New_York"}};
    }

    void schedule(std::string_view track_name) {
        auto colon = track_name.find(':');
        const rotation_settings& r = rotation(config, track_name.substr(0, colon));
        track which = colon == std::string_view::npos ? track::primary : track::secondary;
        people.schedules[std::string(track_name)] =
            shifts_between(r, which, now - days{30}, now + days{90}, {});
    }

    decision oncall(std::string text, user_id user = "alice") const {
        return run("/chatops", "run oncall " + std::move(text), std::move(user));
    }
    decision act_oncall(std::string text, user_id user = "alice") {
        return act("/chatops", "run oncall " + std::move(text), std::move(user));
    }
};

const std::string override_usage = "Usage: `/chatops run oncall override <rotation>[:secondary] "
                                   "@user <from> <until>`";
const std::string cover_usage = "Usage: `/chatops run oncall cover [rotation] @user [hours]`";

} // namespace

TEST_CASE("chatops: who is on call now, in the asking person's time zone") {
    oncall_world w;
    decision d = w.oncall("");
    CHECK(d.is_reply_only());
    CHECK(d.reply ==
          "*On call now* (2026-03-24 09:15 CET)\n"
          "• *eoc* (Engineer On Call): <@bob> until 2026-03-30 09:00 CEST (in 5d 22h), then "
          "<@carol>\n"
          "    secondary: <@erin> until 2026-03-30 09:00 CEST (in 5d 22h), then <@dave>\n"
          "• *imoc*: <@carol> until 2026-03-30 11:00 CEST (in 6d 0h), then <@frank>\n"
          "• *cmoc*: nobody is on call for cmoc: its rotation has no members. Add them under "
          "`rotations` in the configuration");
    CHECK(w.oncall("prod").reply == d.reply);
    CHECK(w.oncall("PROD").reply == d.reply);
    CHECK(w.run("/chatops", "RUN OnCall").reply == d.reply);

    std::string bob = w.oncall("", "bob").reply;
    CHECK(bob.starts_with("*On call now* (2026-03-24 04:15 EDT)\n• *eoc* (Engineer On Call): "
                          "<@bob> until 2026-03-30 03:00 EDT (in 5d 22h)"));
    std::string grace = w.oncall("", "grace").reply;
    CHECK(contains(grace, "until 2026-03-30 07:00 UTC (in 5d 22h)"));
}

TEST_CASE("chatops: only the rotations among eoc, imoc and cmoc that exist, in that order") {
    oncall_world w;
    std::erase_if(w.config.rotations, [](const rotation_settings& r) { return r.name == "imoc"; });
    std::string reply = w.oncall("").reply;
    CHECK(contains(reply, "*eoc*"));
    CHECK_FALSE(contains(reply, "imoc"));
    CHECK(reply.find("*eoc*") < reply.find("*cmoc*"));

    std::erase_if(w.config.rotations,
                  [](const rotation_settings& r) { return r.name != "security"; });
    CHECK(w.oncall("").reply == "None of `eoc`, `imoc` and `cmoc` is configured. Ask about a "
                                "rotation by name: `/chatops run oncall security`.");
    w.config.rotations.clear();
    CHECK(w.oncall("").reply == "No rotations are configured, so nobody is on call. Add them "
                                "under `rotations` in the configuration.");
}

TEST_CASE("chatops: a stretch of the same person is one shift, and a long one says so") {
    oncall_world w;
    rotation(w.config, "imoc").members = {"carol"};
    w.schedule("imoc");
    CHECK(contains(w.oncall("imoc").reply,
                   "• *imoc*: <@carol>, with nobody else scheduled in the next 9 weeks"));
    // The same person on both sides of a hand-over: the hand-over is not where they stop.
    auto& shifts = w.people.schedules["eoc"];
    shifts[2].person = "bob"; // alice, bob, bob, carol, ...
    CHECK(contains(w.oncall("eoc").reply,
                   "<@bob> until 2026-04-06 09:00 CEST (in 12d 22h), then <@alice>"));
}

TEST_CASE("chatops: nobody on call says why and what to do") {
    oncall_world w;
    rotation(w.config, "eoc").start = std::chrono::sys_days{2026y / 4 / 6};
    w.schedule("eoc");
    w.schedule("eoc:secondary");
    std::string before_start = w.oncall("eoc").reply;
    CHECK(contains(before_start, "• *eoc* (Engineer On Call): nobody is on call until 2026-04-06 "
                                 "09:00 CEST, when <@alice> starts"));
    CHECK(contains(before_start, "    secondary: nobody is on call until 2026-04-06 09:00 CEST, "
                                 "when <@dave> starts"));

    w.people.schedules["imoc"].clear(); // staffed, but the directory names nobody
    CHECK(w.oncall("imoc").reply ==
          "*On call now* (2026-03-24 09:15 CET)\n• *imoc*: nobody is on call for imoc. To have "
          "someone cover it, run `/chatops run oncall override imoc @someone now +8h`");
    CHECK(contains(w.oncall("cmoc", "grace").reply,
                   "nobody is on call for cmoc: its rotation has no members"));
}

TEST_CASE("chatops: a shift whose member the directory cannot name") {
    oncall_world w;
    w.people.schedules["imoc"][1].person = "";
    CHECK(contains(w.oncall("imoc").reply, "• *imoc*: someone siren does not know (check "
                                           "`people` in the configuration) until"));
}

TEST_CASE("chatops: one rotation now, next and for a week") {
    oncall_world w;
    decision now = w.oncall("eoc now", "grace");
    CHECK(now.is_reply_only());
    CHECK(now.reply == w.oncall("eoc", "grace").reply);
    CHECK(now.reply == "*On call now* (2026-03-24 08:15 UTC)\n"
                       "• *eoc* (Engineer On Call): <@bob> until 2026-03-30 07:00 UTC (in 5d "
                       "22h), then <@carol>\n"
                       "    secondary: <@erin> until 2026-03-30 07:00 UTC (in 5d 22h), then "
                       "<@dave>");

    decision next = w.oncall("eoc next", "grace");
    CHECK(next.is_reply_only());
    CHECK(next.reply == "*eoc* (Engineer On Call) next:\n"
                        "• <@carol> from 2026-03-30 07:00 UTC until 2026-04-06 07:00 UTC (starts "
                        "in 5d 22h)\n"
                        "• secondary: <@dave> from 2026-03-30 07:00 UTC until 2026-04-06 07:00 "
                        "UTC (starts in 5d 22h)");
    CHECK(w.oncall("security next", "grace").reply ==
          "*security* next:\n• <@erin> stays on call: nobody else is scheduled in the next 9 "
          "weeks");
    CHECK(contains(w.oncall("cmoc next").reply, "• nobody is on call for cmoc: its rotation"));

    // An override inside the week is marked, and splits the shift it covers.
    auto& eoc = w.people.schedules["eoc"];
    eoc[1].end = at("2026-03-27T17:00:00Z");
    eoc.insert(eoc.begin() + 2,
               shift{"dave", at("2026-03-27T17:00:00Z"), at("2026-03-28T08:00:00Z"), true});
    eoc.insert(eoc.begin() + 3,
               shift{"bob", at("2026-03-28T08:00:00Z"), at("2026-03-30T07:00:00Z"), false});
    decision week = w.oncall("EOC Week");
    CHECK(week.is_reply_only());
    CHECK(week.reply ==
          "*eoc* (Engineer On Call) from 2026-03-24 09:15 CET until 2026-03-31 10:15 CEST:\n"
          "_Primary_\n"
          "• 2026-03-23 09:00 CET → 2026-03-27 18:00 CET <@bob>\n"
          "• 2026-03-27 18:00 CET → 2026-03-28 09:00 CET <@dave> (override)\n"
          "• 2026-03-28 09:00 CET → 2026-03-30 09:00 CEST <@bob>\n"
          "• 2026-03-30 09:00 CEST → 2026-04-06 09:00 CEST <@carol>\n"
          "_Secondary_\n"
          "• 2026-03-23 09:00 CET → 2026-03-30 09:00 CEST <@erin>\n"
          "• 2026-03-30 09:00 CEST → 2026-04-06 09:00 CEST <@dave>");
    CHECK(w.oncall("cmoc week", "grace").reply ==
          "*cmoc* from 2026-03-24 08:15 UTC until 2026-03-31 08:15 UTC:\n• nobody is on call for "
          "cmoc: its rotation has no members. Add them under `rotations` in the configuration");
    // The current stretch says when the override began.
    w.now = at("2026-03-27T20:00:00Z");
    CHECK(contains(w.oncall("eoc", "grace").reply,
                   "<@dave> (override) until 2026-03-28 08:00 UTC (in 12h 00m), then <@bob>"));
}

TEST_CASE("chatops: a rotation's view must be now, next or week") {
    oncall_world w;
    const std::string usage = "Usage: `/chatops run oncall <rotation> [now|next|week]`";
    decision typo = w.oncall("eoc nxt");
    CHECK(typo.is_reply_only());
    CHECK(typo.reply == "Unknown view `nxt`. Did you mean `next`?\n" + usage);
    CHECK(w.oncall("eoc tomorrow").reply ==
          "Unknown view `tomorrow`. Use `now`, `next` or `week`.\n" + usage);
    CHECK(w.oncall("eoc week please").reply == "Unexpected `please`.\n" + usage);
    CHECK(w.oncall("prod now").reply == "Unexpected `now`.\nUsage: `/chatops run oncall [prod]`");
}

TEST_CASE("chatops: an override covers a track and is announced") {
    oncall_world w;
    decision d = w.oncall("override eoc @dave 2026-03-27 18:00 2026-03-28T09:00");
    REQUIRE(d.overrides_added.size() == 1);
    const override_record& o = d.overrides_added.front();
    CHECK(o.id == 0);
    CHECK(o.what.rotation == "eoc");
    CHECK(o.what.person == "dave");
    CHECK(o.what.from == at("2026-03-27T17:00:00Z")); // alice's 18:00 CET
    CHECK(o.what.until == at("2026-03-28T08:00:00Z"));
    CHECK(o.created_by == "alice");
    CHECK(d.overrides_removed.empty());
    CHECK(d.timeline.empty());
    CHECK_FALSE(d.saved);
    CHECK_FALSE(d.saved_report);

    CHECK(kinds(d) == std::vector<std::string>{"notify_user", "notify_user", "post_message"});
    auto notice = std::get<notify_user>(d.effects[0]);
    CHECK(notice.user == "dave");
    CHECK(notice.text == "<@alice> set you to cover *eoc*: you are on call from 2026-03-27 17:00 "
                         "UTC until 2026-03-28 08:00 UTC, and siren pages you for it. `/chatops "
                         "run oncall eoc week` shows the shifts.");
    auto covered = std::get<notify_user>(d.effects[1]);
    CHECK(covered.user == "bob");
    CHECK(covered.text.starts_with("<@dave> covers your *eoc* shift from "));
    CHECK(covered.text.ends_with("(set by <@alice>): siren pages them, not you, then."));
    auto post = std::get<post_message>(d.effects[2]);
    CHECK(post.channel == "oncall-eoc");
    CHECK(post.text == "<@alice> set an override: <@dave> covers *eoc* from 2026-03-27 17:00 UTC "
                       "until 2026-03-28 08:00 UTC.");
    CHECK(post.key.empty());
    CHECK_FALSE(post.pin);
    CHECK(d.reply == "Override set: <@dave> covers *eoc* from 2026-03-27 18:00 CET until "
                     "2026-03-28 09:00 CET. It covers the shift of <@bob>. `/chatops run oncall "
                     "overrides eoc` lists it with its id, to remove it.");
}

TEST_CASE("chatops: override times in UTC, with offsets, relative, and for oneself") {
    oncall_world w;
    auto added = [&](std::string text, user_id user = "alice") {
        decision d = w.oncall("override " + std::move(text), std::move(user));
        INFO(d.reply);
        REQUIRE(d.overrides_added.size() == 1);
        return d;
    };
    decision utc = added("eoc:secondary @frank 2026-03-27T18:00Z 2026-03-27T22:30:00Z");
    CHECK(utc.overrides_added[0].what.rotation == "eoc:secondary");
    CHECK(utc.overrides_added[0].what.from == at("2026-03-27T18:00:00Z"));
    CHECK(utc.overrides_added[0].what.until == at("2026-03-27T22:30:00Z"));
    CHECK(contains(utc.reply, "It covers the shift of <@erin>."));

    decision offset = added("eoc @frank 2026-03-27T18:00+01:00 2026-03-27T20:00-0500");
    CHECK(offset.overrides_added[0].what.from == at("2026-03-27T17:00:00Z"));
    CHECK(offset.overrides_added[0].what.until == at("2026-03-28T01:00:00Z"));

    // "+DURATION" counts from now for the start and from the start for the end.
    decision relative = added("eoc @frank +1h +2h30m");
    CHECK(relative.overrides_added[0].what.from == w.now + 1h);
    CHECK(relative.overrides_added[0].what.until == w.now + 3h + 30min);
    decision from_now = added("eoc @frank NOW +8h");
    CHECK(from_now.overrides_added[0].what.from == w.now);
    CHECK(from_now.overrides_added[0].what.until == w.now + 8h);

    // A date alone is midnight in the asker's zone (bob: New York, EDT).
    decision dates = added("eoc @frank 2026-03-27 2026-03-28", "bob");
    CHECK(dates.overrides_added[0].what.from == at("2026-03-27T04:00:00Z"));
    CHECK(dates.overrides_added[0].what.until == at("2026-03-28T04:00:00Z"));

    // Covering yourself: no message to yourself, only to whom you cover; a rotation without a
    // channel gets no post.
    decision self = added("imoc me now +2h", "grace");
    CHECK(self.overrides_added[0].what.person == "grace");
    CHECK(self.overrides_added[0].created_by == "grace");
    REQUIRE(self.effects.size() == 1);
    CHECK(std::get<notify_user>(self.effects[0]).user == "carol");
    CHECK(self.reply == "Override set: <@grace> covers *imoc* from 2026-03-24 08:15 UTC until "
                        "2026-03-24 10:15 UTC. It covers the shift of <@carol>. `/chatops run "
                        "oncall overrides imoc` lists it with its id, to remove it.");

    // A local time the clocks repeat is its first occurrence (02:30 CEST, 00:30Z).
    decision repeated = added("eoc @frank 2026-10-25 02:30 +1h");
    CHECK(repeated.overrides_added[0].what.from == at("2026-10-25T00:30:00Z"));
}

TEST_CASE("chatops: an override names people by their configured handle") {
    oncall_world w;
    w.config.people[3].slack_id = "U0DAVE";
    w.people.people.insert("U0DAVE");
    decision d = w.oncall("override eoc <@U0DAVE|dave> now +1h");
    REQUIRE(d.overrides_added.size() == 1);
    CHECK(d.overrides_added[0].what.person == "dave");
    CHECK(std::get<notify_user>(d.effects[0]).user == "U0DAVE");
}

TEST_CASE("chatops: an override overlapping another says which counts") {
    oncall_world w;
    w.act_oncall("override eoc @dave now +4h");
    decision d = w.oncall("override eoc @frank +2h +4h");
    REQUIRE(d.overrides_added.size() == 1);
    CHECK(contains(d.reply, " It overlaps override #1 (<@dave>); the newer one counts."));
    CHECK_FALSE(contains(w.oncall("override eoc @frank +4h +4h").reply, "overlaps"));
    CHECK_FALSE(contains(w.oncall("override eoc:secondary @frank now +1h").reply, "overlaps"));
}

TEST_CASE("chatops: a wrong override changes nothing and says why") {
    oncall_world w;
    w.people.people.insert("zed"); // a member of the workspace siren's config does not list
    auto refused = [&](std::string text) {
        decision d = w.oncall("override " + std::move(text));
        CHECK(d.is_reply_only());
        CHECK(contains(d.reply, "\n" + override_usage));
        return d.reply.substr(0, d.reply.find("\n" + override_usage));
    };
    CHECK(refused("") == "An override needs a rotation, a person, a start and an end.");
    CHECK(refused("eoc @dave now") ==
          "An override needs a rotation, a person, a start and an end.");
    CHECK(refused("eocs @dave now +1h") == "Unknown rotation `eocs`. Did you mean `eoc`?");
    CHECK(refused("eoc:tertiary @dave now +1h") ==
          "Unknown track `eoc:tertiary`: write `eoc` or `eoc:secondary`.");
    CHECK(refused("imoc:secondary @dave now +1h") ==
          "Nobody is scheduled on `imoc:secondary`, and an override only replaces the person of "
          "a scheduled shift. Add members to it in the configuration first.");
    CHECK(refused("cmoc @dave now +1h") ==
          "Nobody is scheduled on `cmoc`, and an override only replaces the person of a "
          "scheduled shift. Add members to it in the configuration first.");
    CHECK(refused("eoc @zoe now +1h") == "I don't know @zoe.");
    CHECK(refused("eoc dave! now +1h") == "`dave!` is not a person. Write @name.");
    CHECK(refused("eoc @zed now +1h") ==
          "<@zed> is not in siren's `people` configuration, so siren could not page them while "
          "they cover. Ask an admin to add them first.");
    CHECK(refused("eoc @dave tomorrow +1h") ==
          "The start: `tomorrow` is not a time. Write `now`, `+2h`, `2026-03-27T18:00Z` (UTC) or "
          "`2026-03-27 18:00` (your time, Europe/Berlin).");
    CHECK(refused("eoc @dave now +soon") ==
          "The end: `+soon` is not a length of time: write `+2h`, `+90m`, `+1h30m` or `+3d`.");
    CHECK(refused("eoc @dave 2026-02-30 +1h") == "The start: `2026-02-30` is not a time. Write "
                                                 "`now`, `+2h`, `2026-03-27T18:00Z` (UTC) or "
                                                 "`2026-03-27 18:00` (your time, Europe/Berlin).");
    CHECK(refused("eoc @dave 2026-03-27 25:00 +1h")
              .starts_with("The start: `2026-03-27 25:00` is not a time."));
    CHECK(refused("eoc @dave 2026-03-29 02:30 +1h") ==
          "The start: `2026-03-29 02:30` does not exist in Europe/Berlin: the clocks skip it "
          "that night. Write a later time, or a UTC time ending in `Z`.");
    CHECK(refused("eoc @dave +2h now") == "The end (2026-03-24 09:15 CET) must be after the start "
                                          "(2026-03-24 11:15 CET).");
    CHECK(refused("eoc @dave +1h +0h") == "The end (2026-03-24 10:15 CET) must be after the start "
                                          "(2026-03-24 10:15 CET).");
    CHECK(refused("eoc @dave 2026-03-20T00:00Z 2026-03-21T00:00Z") ==
          "That period ended 2026-03-21 01:00 CET; an override must end in the future.");
    CHECK(refused("eoc @dave now +32d") ==
          "An override lasts at most 31 days; this one lasts 32d 0h. Set several.");
    CHECK(refused("eoc @dave now +1h please") == "Unexpected `please` after the end.");
    CHECK(refused("eoc @dave \"now") ==
          "The quote `\"now` is never closed. Add the closing \", or write \\\" for a quote mark.");
    CHECK(refused("eocs @zoe now +1h") ==
          "Nothing was changed:\n• Unknown rotation `eocs`. Did you mean `eoc`?\n• I don't know "
          "@zoe.");
    // An override of 31 days exactly is fine.
    CHECK(w.oncall("override eoc @dave now +31d").overrides_added.size() == 1);
}

TEST_CASE("chatops: overrides that have not ended are listed with their ids") {
    oncall_world w;
    CHECK(w.oncall("overrides").reply ==
          "There are no current or upcoming overrides. Set one with `/chatops run oncall "
          "override <rotation> @user <from> <until>`.");
    w.incidents.overrides.push_back(
        {.id = 7,
         .what = {"eoc", "frank", at("2026-03-20T00:00:00Z"), at("2026-03-21T00:00:00Z")},
         .created_by = "frank"}); // ended
    w.act_oncall("override eoc @dave 2026-03-27T17:00Z 2026-03-28T08:00Z");
    w.act_oncall("override eoc:secondary @frank now +2h", "erin");
    w.act_oncall("override imoc @grace +1d +1h", "carol");
    REQUIRE(w.incidents.overrides.size() == 4);

    decision all = w.oncall("overrides", "grace");
    CHECK(all.is_reply_only());
    CHECK(all.reply == "*Overrides that have not ended*\n"
                       "• #1 eoc: <@dave> from 2026-03-27 17:00 UTC until 2026-03-28 08:00 UTC, "
                       "set by <@alice>\n"
                       "• #2 eoc:secondary: <@frank> from 2026-03-24 08:15 UTC until 2026-03-24 "
                       "10:15 UTC (now), set by <@erin>\n"
                       "• #3 imoc: <@grace> from 2026-03-25 08:15 UTC until 2026-03-25 09:15 UTC, "
                       "set by <@carol>\n"
                       "Remove one with `/chatops run oncall override remove <id>`.");
    std::string eoc = w.oncall("overrides eoc", "grace").reply;
    CHECK(eoc.starts_with("*Overrides of eoc that have not ended*\n• #1 eoc: <@dave>"));
    CHECK(contains(eoc, "#2 eoc:secondary"));
    CHECK_FALSE(contains(eoc, "#3"));
    std::string secondary = w.oncall("overrides eoc:secondary", "grace").reply;
    CHECK(secondary.starts_with("*Overrides of eoc:secondary that have not ended*\n• #2"));
    CHECK_FALSE(contains(secondary, "#1"));
    CHECK(w.oncall("overrides cmoc").reply ==
          "There are no current or upcoming overrides of cmoc. Set one with `/chatops run oncall "
          "override <rotation> @user <from> <until>`.");
    const std::string usage = "\nUsage: `/chatops run oncall overrides [rotation]`";
    CHECK(w.oncall("overrides imc").reply ==
          "Unknown rotation `imc`. Did you mean `imoc`?" + usage);
    CHECK(w.oncall("overrides eoc imoc").reply == "Unexpected `imoc`." + usage);
    // Times in the reader's zone.
    CHECK(contains(w.oncall("overrides eoc").reply, "from 2026-03-27 18:00 CET"));
}

TEST_CASE("chatops: an override is removed by whoever set it, covers, or is covered") {
    oncall_world w;
    w.act_oncall("override eoc @dave 2026-03-27T17:00Z 2026-03-28T08:00Z", "grace");
    REQUIRE(w.incidents.overrides.size() == 1);
    const std::int64_t id = w.incidents.overrides.front().id;

    decision other = w.oncall("override remove 1", "frank");
    CHECK(other.is_reply_only());
    CHECK(other.reply ==
          "You can't remove override #1: only <@grace> (who set it), <@dave> (who covers) or "
          "<@bob> (whose shift it covers) can. Ask one of them.");

    for (const char* who : {"grace", "dave", "bob"}) {
        decision d = w.oncall("override remove #1", who);
        CHECK(d.overrides_removed == std::vector<std::int64_t>{id});
        CHECK(d.overrides_added.empty());
        CHECK(d.timeline.empty());
    }

    decision by_creator = w.oncall("override remove 1", "grace");
    CHECK(kinds(by_creator) == std::vector<std::string>{"notify_user", "post_message"});
    CHECK(std::get<notify_user>(by_creator.effects[0]).user == "dave");
    CHECK(std::get<notify_user>(by_creator.effects[0]).text ==
          "<@grace> removed override #1: you no longer cover *eoc* from 2026-03-27 17:00 UTC "
          "until 2026-03-28 08:00 UTC.");
    CHECK(std::get<post_message>(by_creator.effects[1]).channel == "oncall-eoc");
    CHECK(std::get<post_message>(by_creator.effects[1]).text ==
          "<@grace> removed override #1: <@dave> no longer covers *eoc* from 2026-03-27 17:00 "
          "UTC until 2026-03-28 08:00 UTC.");
    CHECK(by_creator.reply == "Removed override #1: <@dave> no longer covers *eoc* from "
                              "2026-03-27 17:00 UTC until 2026-03-28 08:00 UTC.");

    decision by_covering = w.oncall("override remove 1", "dave");
    CHECK(kinds(by_covering) == std::vector<std::string>{"post_message"});

    w.incidents.save(w.oncall("override remove 1", "bob"));
    CHECK(w.incidents.overrides.empty());
}

TEST_CASE("chatops: removing an override that is not there, ended, or badly named") {
    oncall_world w;
    w.incidents.overrides.push_back(
        {.id = 7,
         .what = {"imoc", "frank", at("2026-03-20T00:00:00Z"), at("2026-03-21T00:00:00Z")},
         .created_by = "frank"});
    CHECK(w.oncall("override remove 9").reply ==
          "There is no override #9. `/chatops run oncall overrides` lists them with their ids.");
    decision ended = w.oncall("override remove 7", "frank");
    CHECK(ended.is_reply_only());
    CHECK(ended.reply == "Override #7 ended 2026-03-21 00:00 UTC; it stays as the record of who "
                         "was on call.");
    const std::string usage = "\nUsage: `/chatops run oncall override remove <id>`";
    CHECK(w.oncall("override remove").reply == "Which override? Give its id." + usage);
    CHECK(w.oncall("override remove 1 2").reply == "Give one id." + usage);
    CHECK(w.oncall("override REMOVE seven").reply ==
          "`seven` is not an override id: write a number such as 2." + usage);
}

TEST_CASE("chatops: the person on call hands the rest of their shift to someone") {
    oncall_world w;
    decision d = w.oncall("cover @dave", "bob");
    REQUIRE(d.overrides_added.size() == 1);
    const override_record& o = d.overrides_added.front();
    CHECK(o.what.rotation == "eoc");
    CHECK(o.what.person == "dave");
    CHECK(o.what.from == w.now);
    CHECK(o.what.until == at("2026-03-30T07:00:00Z"));
    CHECK(o.created_by == "bob");
    CHECK(d.timeline.empty());
    CHECK(kinds(d) == std::vector<std::string>{"notify_user", "post_message"});
    CHECK(std::get<notify_user>(d.effects[0]).user == "dave");
    CHECK(std::get<notify_user>(d.effects[0]).text ==
          "<@bob> handed you their *eoc* shift: you are on call from 2026-03-24 08:15 UTC until "
          "2026-03-30 07:00 UTC, and siren pages you for it. `/chatops run oncall eoc week` "
          "shows the shifts.");
    CHECK(std::get<post_message>(d.effects[1]).text ==
          "<@bob> handed *eoc* to <@dave> from 2026-03-24 08:15 UTC until 2026-03-30 07:00 UTC.");
    CHECK(d.reply == "<@dave> covers *eoc* for you from 2026-03-24 04:15 EDT until 2026-03-30 "
                     "03:00 EDT (in 5d 22h). `/chatops run oncall overrides eoc` lists it with "
                     "its id, to remove it.");

    decision hours = w.oncall("cover @dave 4", "bob");
    REQUIRE(hours.overrides_added.size() == 1);
    CHECK(hours.overrides_added[0].what.until == w.now + 4h);
    decision length = w.oncall("cover @dave 2h30m", "bob");
    REQUIRE(length.overrides_added.size() == 1);
    CHECK(length.overrides_added[0].what.until == w.now + 2h + 30min);
}

TEST_CASE("chatops: cover picks eoc, imoc, cmoc, then the others, or the rotation named") {
    oncall_world w;
    decision carol = w.oncall("cover @frank", "carol");
    REQUIRE(carol.overrides_added.size() == 1);
    CHECK(carol.overrides_added[0].what.rotation == "imoc");
    CHECK(carol.overrides_added[0].what.until == at("2026-03-30T09:00:00Z"));
    CHECK(carol.effects.size() == 1); // imoc has no channel: only the DM

    decision erin = w.oncall("cover @frank", "erin"); // erin: eoc:secondary and security
    REQUIRE(erin.overrides_added.size() == 1);
    CHECK(erin.overrides_added[0].what.rotation == "security");
    // security has erin all the time: at most 31 days at once.
    CHECK(erin.overrides_added[0].what.until == w.now + days{31});

    decision named = w.oncall("cover eoc:secondary @frank 1", "erin");
    REQUIRE(named.overrides_added.size() == 1);
    CHECK(named.overrides_added[0].what.rotation == "eoc:secondary");
    CHECK(named.overrides_added[0].what.until == w.now + 1h);

    // Someone on call for both eoc and imoc hands over eoc unless they name imoc.
    w.people.schedules["imoc"][1].person = "bob";
    CHECK(w.oncall("cover @frank", "bob").overrides_added.at(0).what.rotation == "eoc");
    CHECK(w.oncall("cover imoc @frank", "bob").overrides_added.at(0).what.rotation == "imoc");
}

TEST_CASE("chatops: a cover is refused when there is nothing to hand over") {
    oncall_world w;
    decision grace = w.oncall("cover @frank", "grace");
    CHECK(grace.is_reply_only());
    CHECK(grace.reply == "You are not on call now, so there is no shift to hand over. `/chatops "
                         "run oncall` shows who is.");
    CHECK(w.oncall("cover imoc @frank", "bob").reply ==
          "You are not on call for imoc now (<@carol> is), so you have no shift of it to hand "
          "over. To cover someone else's shift, use `/chatops run oncall override`.");
    CHECK(w.oncall("cover cmoc @frank", "bob").reply ==
          "You are not on call for cmoc now, so you have no shift of it to hand over. To cover "
          "someone else's shift, use `/chatops run oncall override`.");
    CHECK(w.oncall("cover @dave 200", "bob").reply ==
          "Your eoc shift ends 2026-03-30 03:00 EDT (in 5d 22h): hand over at most that. Leave "
          "out the hours to hand over the rest of it.");

    auto refused = [&](std::string text) {
        decision d = w.oncall("cover " + std::move(text), "bob");
        CHECK(d.is_reply_only());
        CHECK(contains(d.reply, "\n" + cover_usage));
        return d.reply.substr(0, d.reply.find("\n" + cover_usage));
    };
    CHECK(refused("") == "Who covers? Name them: `@name`.");
    CHECK(refused("eoc") == "Who covers? Name them: `@name`.");
    CHECK(refused("me") == "You can't hand your shift to yourself: name who covers.");
    CHECK(refused("@bob 2") == "You can't hand your shift to yourself: name who covers.");
    CHECK(refused("@zoe") == "I don't know @zoe.");
    CHECK(refused("eocs @dave") == "Unknown rotation `eocs`. Did you mean `eoc`?");
    CHECK(refused("@dave soon") == "`soon` is not a number of hours: write `4`, `90m` or `2h30m`.");
    CHECK(refused("@dave 0") == "`0` is not a number of hours: write `4`, `90m` or `2h30m`.");
    CHECK(refused("@dave 2 now") == "Unexpected `now`.");
}

TEST_CASE("chatops: help, unknown jobs and unknown on-call actions") {
    oncall_world w;
    decision help = w.run("/chatops", "help", "grace");
    CHECK(help.is_reply_only());
    CHECK(help.reply.starts_with("*/chatops* — On-call questions and jobs\n• `/chatops run <job> "
                                 "[arguments]`"));
    CHECK(contains(help.reply, "• `/chatops run oncall override <rotation>[:secondary] @user "
                               "<from> <until>`"));
    CHECK(w.run("/chatops", "", "grace").reply == help.reply);
    CHECK(w.run("/chatops", "help me").reply ==
          "`/chatops help` takes no arguments.\nUsage: `/chatops help`");

    decision oncall_help = w.oncall("help");
    CHECK(oncall_help.reply.starts_with(
        "*/chatops run oncall* — who is on call, overrides and covers\n• `/chatops run oncall "
        "[prod]`\n    Who holds EOC, IMOC and CMOC now, until when, and who is next."));
    CHECK(contains(oncall_help.reply, "• `/chatops run oncall cover [rotation] @user [hours]`"));

    const std::string run_usage = "\nUsage: `/chatops run <job> [arguments]`";
    CHECK(w.run("/chatops", "run").reply ==
          "Name a job to run: `oncall` is the only one." + run_usage);
    CHECK(w.run("/chatops", "run oncal").reply ==
          "Unknown job `oncal`. Did you mean `oncall`?" + run_usage);
    CHECK(w.run("/chatops", "run deploy prod").reply ==
          "Unknown job `deploy`. The only job is `oncall`." + run_usage);
    CHECK(w.run("/chatops", "rum oncall")
              .reply.starts_with("Unknown command `/chatops rum`. Did you mean `run`?"));

    CHECK(w.oncall("overide eoc @dave now +1h").reply ==
          "Unknown rotation or action `overide`. Did you mean `override`? `/chatops run oncall "
          "help` explains them.");
    CHECK(w.oncall("imc").reply == "Unknown rotation or action `imc`. Did you mean `imoc`? "
                                   "`/chatops run oncall help` explains them.");
    CHECK(w.oncall("pizza").reply ==
          "Unknown rotation or action `pizza`. Use `prod`, `override`, `overrides`, `cover`, "
          "`report`, `pay`, `help`, `eoc`, `imoc`, `cmoc` or `security`. `/chatops run oncall "
          "help` explains "
          "them.");
}

TEST_CASE("chatops: /chatops is one of the slash commands, its hint from its table") {
    auto all = commands::slash_commands();
    REQUIRE(all.size() == 3);
    CHECK(all[2].command == "/chatops");
    CHECK(all[2].description == "On-call questions and jobs");
    CHECK(all[2].usage_hint == "[run | help]");
}

TEST_CASE("chatops: /chatops works in any channel, for anyone") {
    oncall_world w;
    for (const char* channel : {"general", "incident-20260324-x", "D123"})
        CHECK(w.run("/chatops", "run oncall eoc", "grace", channel)
                  .reply.starts_with("*On call now*"));
}

TEST_CASE("oncall time: local times follow the zone's clock changes") {
    using commands::from_local;
    // Berlin: CET (+1) until 2026-03-29 01:00Z, then CEST (+2) until 2026-10-25 01:00Z.
    auto wall = [](std::string_view iso) { return at(iso); };
    CHECK(from_local(wall("2026-03-29T01:59:00Z"), "Europe/Berlin") == at("2026-03-29T00:59:00Z"));
    CHECK_FALSE(from_local(wall("2026-03-29T02:00:00Z"), "Europe/Berlin"));
    CHECK_FALSE(from_local(wall("2026-03-29T02:59:00Z"), "Europe/Berlin"));
    CHECK(from_local(wall("2026-03-29T03:00:00Z"), "Europe/Berlin") == at("2026-03-29T01:00:00Z"));
    CHECK(from_local(wall("2026-10-25T02:30:00Z"), "Europe/Berlin") == at("2026-10-25T00:30:00Z"));
    CHECK(from_local(wall("2026-10-25T03:00:00Z"), "Europe/Berlin") == at("2026-10-25T02:00:00Z"));
    CHECK(from_local(wall("2026-07-01T12:00:00Z"), "Asia/Kolkata") == at("2026-07-01T06:30:00Z"));
    CHECK(from_local(wall("2026-07-01T12:00:00Z"), "") == at("2026-07-01T12:00:00Z"));
    CHECK(from_local(wall("2026-07-01T12:00:00Z"), "Mars/Olympus") == at("2026-07-01T12:00:00Z"));
}

TEST_CASE("oncall time: the grammar of a time") {
    using commands::read_time;
    const time_point now = at("2026-03-24T08:15:00Z");
    auto one = [&](std::vector<std::string> words, std::string_view zone = "") {
        std::size_t i = 0;
        auto t = read_time(words, i, now, now + 1h, zone);
        return t ? to_iso8601(*t) + " " + std::to_string(i) : "refused: " + t.error();
    };
    CHECK(one({"now"}) == "2026-03-24T08:15:00Z 1");
    CHECK(one({"+90m"}) == "2026-03-24T10:45:00Z 1");
    CHECK(one({"2026-03-27T18:00Z", "x"}) == "2026-03-27T18:00:00Z 1");
    CHECK(one({"2026-03-27t18:00:30z"}) == "2026-03-27T18:00:30Z 1");
    CHECK(one({"2026-03-27T18:00+05:30"}) == "2026-03-27T12:30:00Z 1");
    CHECK(one({"2026-03-27T18:00-05"}) == "2026-03-27T23:00:00Z 1");
    CHECK(one({"2026-03-27", "18:00"}, "Europe/Berlin") == "2026-03-27T17:00:00Z 2");
    CHECK(one({"2026-03-27", "18:00Z"}, "Europe/Berlin") == "2026-03-27T18:00:00Z 2");
    CHECK(one({"2026-03-27", "+1h"}, "Europe/Berlin") == "2026-03-26T23:00:00Z 1");
    CHECK(one({"2026-03-27T18:00"}, "America/New_York") == "2026-03-27T22:00:00Z 1");
    for (std::string bad : {"2026-3-27", "2026-03-27T18", "2026-03-27T18:60Z", "2026-03-27T18:00Q",
                            "2026-03-27T18:00+5", "2026-03-27T18:00+19:00", "1969-12-31", "+",
                            "+-2h", "soon", "2026-13-01", "２０２６-03-27"})
        CHECK(one({bad}).starts_with("refused: "));
    CHECK(one({}) == "refused: A time is missing. Write `now`, `+2h`, `2026-03-27T18:00Z` (UTC) "
                     "or `2026-03-27 18:00` (your time, UTC).");
}

TEST_CASE("chatops: odd input gets an answer, never an exception") {
    oncall_world w;
    for (const char* text :
         {"override eoc @dave 9999-12-31T23:59Z +3650d",
          "override eoc @dave 9999-12-31 23:59 9999-12-31T23:59:59-18:00",
          "override eoc @dave 1970-01-01 00:00 +1s", "cover @dave 999999999999999999",
          "override remove 99999999999999999999", "overrides :secondary",
          "override :", "eoc:secondary week", "override \"\" \"\" \"\" \"\"",
          "override eoc @dave 2026-03-27 18:00:", "override eoc @dave 2026-03-27 1:00 +1h",
          "override remove #", "cover eoc:secondary me 1", "override eoc @dave --x=1 +1h",
          "override eoc @dave 2026-03-27T18:00+ +1h", "override eoc @dave now +10000d",
          "cover @dave 1000000d", "cover : @dave"})
        for (const char* user : {"alice", "bob", "erin"}) {
            INFO(text, " by ", user);
            decision d = w.oncall(text, user);
            CHECK_FALSE(d.reply.empty());
        }
}
