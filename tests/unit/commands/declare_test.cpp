#include "tests/unit/commands/fakes.hpp"

#include <doctest/doctest.h>

using namespace siren;
using siren::testing::effects_of;
using siren::testing::kinds;
using siren::testing::world;

namespace {

const std::string checkout_channel = "incident-20260324-checkout-returns-500";

bool contains(std::string_view text, std::string_view part) {
    return text.find(part) != std::string_view::npos;
}

// An open incident declared `ago` before the world's now.
incident open_incident(const world& w, incident_id id, std::string title, std::string service,
                       minutes ago) {
    incident i;
    i.id = id;
    i.title = std::move(title);
    i.service = std::move(service);
    i.current = stage::investigating;
    i.channel_name = "incident-" + std::to_string(id);
    i.roles[role::ic] = "carol";
    i.declared_by = "carol";
    i.declared_at = i.updated_at = w.now - ago;
    return i;
}

} // namespace

TEST_CASE("commands: declare with defaults opens, staffs, pins and pages in order") {
    world w;
    decision d = w.run("/incident", "declare Checkout returns 500");

    REQUIRE(d.saved);
    const incident& i = *d.saved;
    CHECK(i.id == 1);
    CHECK(i.title == "Checkout returns 500");
    CHECK(i.level == severity::s2);
    CHECK(i.current == stage::declared);
    CHECK(i.status == public_status::degraded_performance);
    CHECK(i.service.empty());
    CHECK_FALSE(i.security);
    CHECK_FALSE(i.near_miss);
    CHECK(i.channel_name == checkout_channel);
    CHECK(i.roles == std::map<role, user_id>{{role::ic, "alice"}});
    CHECK(i.declared_by == "alice");
    CHECK(i.declared_at == w.now);
    CHECK(i.updated_at == w.now);
    CHECK_FALSE(i.resolved_at);
    CHECK_FALSE(d.saved_report);

    REQUIRE(d.timeline.size() == 2);
    CHECK(d.timeline[0].incident == 1);
    CHECK(d.timeline[0].at == w.now);
    CHECK(d.timeline[0].actor == "alice");
    CHECK(d.timeline[0].kind == entry_kind::declared);
    CHECK(d.timeline[0].text == "declared S2: Checkout returns 500");
    CHECK(d.timeline[1].kind == entry_kind::page);
    CHECK(d.timeline[1].text == "paged <@bob> (eoc) dedup siren-1-eoc");

    CHECK(kinds(d) == std::vector<std::string>{"create_channel", "invite_users", "set_topic",
                                               "post_message", "notify_user", "page_user"});
    auto channel = std::get<create_channel>(d.effects[0]);
    CHECK(channel.name == checkout_channel);
    CHECK_FALSE(channel.is_private);
    auto invite = std::get<invite_users>(d.effects[1]);
    CHECK(invite.channel == checkout_channel);
    CHECK(invite.users == std::vector<user_id>{"alice", "bob"});
    auto topic = std::get<set_topic>(d.effects[2]);
    CHECK(topic.channel == checkout_channel);
    CHECK(topic.topic == "S2 · declared · IC <@alice> · Checkout returns 500");
    auto intro = std::get<post_message>(d.effects[3]);
    CHECK(intro.channel == checkout_channel);
    CHECK(intro.key == "intro");
    CHECK(intro.pin);
    auto duties = std::get<notify_user>(d.effects[4]);
    CHECK(duties.user == "alice");
    CHECK(contains(duties.text, "Incident Commander (IC) of *#1 Checkout returns 500*"));
    CHECK(contains(duties.text, "Coordinate the response; update every 30 minutes."));
    auto page = std::get<page_user>(d.effects[5]);
    CHECK(page.user == "bob");
    CHECK(page.rotation == "eoc");
    CHECK(page.level == severity::s2);
    CHECK(page.dedup_key == "siren-1-eoc");
    CHECK(page.summary == "#1 S2 Checkout returns 500 — join #" + checkout_channel);

    CHECK(d.reply == "Declared *#1* (S2) in <#" + checkout_channel +
                         ">. You are the incident commander.\nPaged <@bob> (eoc).");
}

TEST_CASE("commands: the intro names the incident, its stage, roles, status and commands") {
    world w;
    decision d = w.run("/incident", "declare S1 Checkout returns 500 --service checkout");
    auto intro = effects_of<post_message>(d).front();
    CHECK(contains(intro.text, "*#1 Checkout returns 500*"));
    CHECK(contains(intro.text, "*Severity:* S1 (Major) · *Service:* checkout"));
    CHECK(contains(intro.text, "*Stage:* declared"));
    CHECK(contains(intro.text, "*Status:* partial service disruption"));
    CHECK(contains(intro.text, "*Roles:*\nIC (Incident Commander): <@alice>\nTL (Tech Lead): "
                               "Unassigned\nCL (Communications Lead): Unassigned\nEM "
                               "(Engineering Manager): Unassigned"));
    CHECK(contains(intro.text, "*Runbook:* https://runbooks.example.com/checkout"));
    CHECK(contains(intro.text, "*Links:* <https://grafana.example.com/d/checkout|Dashboard>"));
    CHECK(contains(intro.text, "Declared by <@alice> at 2026-03-24 08:15 UTC."));
    for (auto command : {"`/119 update", "`/119 status`", "`/119 history`"})
        CHECK(contains(intro.text, command));

    decision plain = w.run("/incident", "declare S3 Search is slow --service search");
    auto plain_intro = effects_of<post_message>(plain).front();
    CHECK_FALSE(contains(plain_intro.text, "Runbook"));
    CHECK_FALSE(contains(plain_intro.text, "Links"));
}

TEST_CASE("commands: declare takes a severity or its alias as the first word only") {
    world w;
    for (auto word : {"S1", "s1", "P1", "p1"}) {
        decision d = w.run("/incident", std::string("declare ") + word + " Payments failing");
        REQUIRE(d.saved);
        CHECK(d.saved->level == severity::s1);
        CHECK(d.saved->title == "Payments failing");
    }
    decision later = w.run("/incident", "declare Payments failing S1");
    REQUIRE(later.saved);
    CHECK(later.saved->level == severity::s2);
    CHECK(later.saved->title == "Payments failing S1");

    decision quoted = w.run("/incident", R"(declare "S1" is the name of our cluster)");
    REQUIRE(quoted.saved);
    CHECK(quoted.saved->level == severity::s2);
    CHECK(quoted.saved->title == "S1 is the name of our cluster");

    decision after_option = w.run("/incident", "declare --service search S0 Search down");
    REQUIRE(after_option.saved);
    CHECK(after_option.saved->level == severity::s0);
}

TEST_CASE("commands: an S1 declaration pages EOC and IMOC and is announced") {
    world w;
    decision d = w.run("/incident", "declare S1 Payments failing");
    CHECK(kinds(d) == std::vector<std::string>{"create_channel", "invite_users", "set_topic",
                                               "post_message", "notify_user", "post_message",
                                               "page_user", "page_user"});
    CHECK(std::get<invite_users>(d.effects[1]).users ==
          std::vector<user_id>{"alice", "bob", "carol"});
    auto announcement = std::get<post_message>(d.effects[5]);
    CHECK(announcement.channel == "production");
    CHECK(announcement.key.empty());
    CHECK_FALSE(announcement.pin);
    CHECK(announcement.text == "*#1 Payments failing* (S1): declared by <@alice>. Follow in "
                               "<#incident-20260324-payments-failing>.");
    auto pages = effects_of<page_user>(d);
    REQUIRE(pages.size() == 2);
    CHECK(pages[0].user == "bob");
    CHECK(pages[0].dedup_key == "siren-1-eoc");
    CHECK(pages[1].user == "carol");
    CHECK(pages[1].rotation == "imoc");
    CHECK(pages[1].dedup_key == "siren-1-imoc");
    CHECK(pages[1].level == severity::s1);
    REQUIRE(d.timeline.size() == 3);
    CHECK(d.timeline[2].text == "paged <@carol> (imoc) dedup siren-1-imoc");
    CHECK(contains(d.reply, "Paged <@bob> (eoc), <@carol> (imoc)."));

    decision quiet = w.run("/incident", "declare S1 Payments failing --no-announce");
    CHECK(effects_of<post_message>(quiet).size() == 1); // the intro only
}

TEST_CASE("commands: declare checks --service against the configured services") {
    world w;
    decision d = w.run("/incident", "declare Checkout returns 500 --service checkout");
    REQUIRE(d.saved);
    CHECK(d.saved->service == "checkout");

    decision typo = w.run("/incident", "declare Checkout returns 500 --service chekout");
    CHECK(typo.is_reply_only());
    CHECK(typo.reply == "Unknown service `chekout`. Did you mean `checkout`?\nUsage: "
                        "`/incident declare [S0-S4] <title> [--service NAME] [--security] "
                        "[--near-miss] [--page imoc,cmoc] [--no-announce] [--force] "
                        "[--from-report N]`");

    decision unknown = w.run("/incident", "declare Checkout returns 500 --service unknown");
    CHECK(unknown.is_reply_only());
    CHECK(contains(unknown.reply, "Unknown service `unknown`. Use `checkout` or `search`."));
}

TEST_CASE("commands: an unknown severity word is part of the title, and the reply says so") {
    world w;
    decision d = w.run("/incident", "declare S9 Disk full on db-3");
    REQUIRE(d.saved);
    CHECK(d.saved->level == severity::s2);
    CHECK(d.saved->title == "S9 Disk full on db-3");
    CHECK(contains(d.reply, "`S9` is not a severity here, so it is part of the title."));

    decision words = w.run("/incident", "declare Banana split");
    REQUIRE(words.saved);
    CHECK(words.saved->title == "Banana split");
    CHECK_FALSE(contains(words.reply, "not a severity"));
}

TEST_CASE("commands: a security incident is private, pages security and is never announced") {
    world w;
    decision d = w.run("/incident", "declare S1 Leaked API keys --security");
    REQUIRE(d.saved);
    CHECK(d.saved->security);
    CHECK(std::get<create_channel>(d.effects[0]).is_private);
    CHECK(std::get<invite_users>(d.effects[1]).users ==
          std::vector<user_id>{"alice", "bob", "carol", "erin"});
    auto posts = effects_of<post_message>(d);
    REQUIRE(posts.size() == 1);
    CHECK(posts[0].key == "intro");
    CHECK(contains(posts[0].text, "*Security incident*"));
    auto pages = effects_of<page_user>(d);
    REQUIRE(pages.size() == 3);
    CHECK(pages[2].user == "erin");
    CHECK(pages[2].rotation == "security");
    CHECK(pages[2].dedup_key == "siren-1-security");
    for (const auto& page : pages)
        CHECK_FALSE(contains(page.summary, "Leaked"));
    CHECK(contains(d.reply, "The channel is private"));
}

TEST_CASE("commands: a near miss pages nobody and is not announced") {
    world w;
    decision d = w.run("/incident", "declare S1 Almost dropped the orders table --near-miss");
    REQUIRE(d.saved);
    CHECK(d.saved->near_miss);
    CHECK(effects_of<page_user>(d).empty());
    CHECK(effects_of<post_message>(d).size() == 1);
    REQUIRE(d.timeline.size() == 1);
    CHECK(d.timeline[0].text == "declared S1 near miss: Almost dropped the orders table");
    CHECK(contains(d.reply, "Near miss: nobody was paged."));

    decision both = w.run("/incident", "declare Almost dropped it --near-miss --page imoc");
    CHECK(both.is_reply_only());
    CHECK(contains(both.reply, "A near miss pages nobody"));
}

TEST_CASE("commands: --page adds rotations, without paging anyone twice") {
    world w;
    decision d = w.run("/incident", "declare Slow checkout --page imoc,cmoc --page eoc,imoc");
    auto pages = effects_of<page_user>(d);
    REQUIRE(pages.size() == 3);
    CHECK(pages[0].rotation == "eoc");
    CHECK(pages[1].rotation == "imoc");
    CHECK(pages[2].rotation == "cmoc");
    CHECK(pages[2].user == "dave");
    CHECK(pages[2].dedup_key == "siren-1-cmoc");

    decision typo = w.run("/incident", "declare Slow checkout --page imc");
    CHECK(typo.is_reply_only());
    CHECK(contains(typo.reply, "Unknown rotation `imc`. Did you mean `imoc`?"));
    decision empty = w.run("/incident", "declare Slow checkout --page ,");
    CHECK(contains(empty.reply, "Name the rotations to page"));
}

TEST_CASE("commands: nobody on call means no page and a loud reply") {
    world w;
    w.people.on_call_now.erase("imoc");
    decision d = w.run("/incident", "declare S1 Payments failing");
    auto pages = effects_of<page_user>(d);
    REQUIRE(pages.size() == 1);
    CHECK(pages[0].user == "bob");
    CHECK(contains(d.reply, "*Nobody is on call for imoc: page someone by hand.*"));
    REQUIRE(d.timeline.size() == 3);
    CHECK(d.timeline[2].kind == entry_kind::page);
    CHECK(d.timeline[2].text == "nobody on call for imoc: not paged");

    w.people.on_call_now.clear();
    decision alone = w.run("/incident", "declare Payments failing");
    CHECK(effects_of<page_user>(alone).empty());
    CHECK(effects_of<invite_users>(alone).front().users == std::vector<user_id>{"alice"});
    CHECK(contains(alone.reply, "*Nobody is on call for eoc: page someone by hand.*"));
}

TEST_CASE("commands: whoever declares is not paged for their own rotation") {
    world w;
    decision d = w.run("/incident", "declare Payments failing", "bob");
    CHECK(effects_of<page_user>(d).empty());
    CHECK(effects_of<invite_users>(d).front().users == std::vector<user_id>{"bob"});
    CHECK(contains(d.reply, "You are on call for eoc yourself, so nobody was paged for it."));
}

TEST_CASE("commands: a taken channel name gets a suffix") {
    world w;
    w.incidents.taken_names.insert(checkout_channel);
    decision d = w.run("/incident", "declare Checkout returns 500");
    REQUIRE(d.saved);
    CHECK(d.saved->channel_name == checkout_channel + "-2");
    CHECK(std::get<create_channel>(d.effects[0]).name == checkout_channel + "-2");

    w.incidents.taken_names.insert(checkout_channel + "-2");
    CHECK(w.run("/incident", "declare Checkout returns 500").saved->channel_name ==
          checkout_channel + "-3");
}

TEST_CASE("commands: a declaration like an open incident is refused unless forced") {
    world w;
    w.incidents.incidents.push_back(open_incident(w, 7, "Payments slow", "checkout", minutes{10}));

    decision same_service = w.run("/incident", "declare Cart empty --service checkout");
    CHECK(same_service.is_reply_only());
    CHECK(same_service.reply ==
          "#7 looks like the same incident: *#7 Payments slow* in <#incident-7>, IC <@carol>. "
          "Join it with /join, or add --force to declare a new one.");

    decision forced = w.run("/incident", "declare Cart empty --service checkout --force");
    REQUIRE(forced.saved);
    CHECK(forced.saved->id == 8);

    decision other_service = w.run("/incident", "declare Cart empty --service search");
    CHECK(other_service.saved);

    decision same_title = w.run("/incident", "declare payments SLOW!");
    CHECK(same_title.is_reply_only());
    CHECK(contains(same_title.reply, "#7 looks like the same incident"));

    // {payments, slow} and {payments, are, very, slow} share half their words: below 0.6.
    CHECK(w.run("/incident", "declare Payments are very slow").saved);
    CHECK_FALSE(w.run("/incident", "declare Payments very slow").saved);
}

TEST_CASE("commands: the duplicate guard looks at open incidents within the window") {
    world w;
    w.incidents.incidents.push_back(
        open_incident(w, 3, "Checkout returns 500 errors", "checkout", minutes{45}));
    CHECK(w.run("/incident", "declare Cart empty --service checkout").saved);
    CHECK_FALSE(w.run("/incident", "declare checkout returns 500").saved); // Jaccard 0.75
    CHECK(w.run("/incident", "declare checkout is down").saved);

    w.incidents.incidents.back().current = stage::resolved;
    CHECK(w.run("/incident", "declare Checkout returns 500 errors").saved);
}

TEST_CASE("commands: declare refuses a missing title") {
    world w;
    for (auto text :
         {"declare --service checkout", "declare S1", R"(declare "")", "declare \"  \""}) {
        decision d = w.run("/incident", text);
        CHECK(d.is_reply_only());
        CHECK(d.reply.starts_with("A title is required: say in a few words what is wrong.\n"
                                  "Usage: `/incident declare"));
    }
}

TEST_CASE("commands: titles are at most 150 characters, and the reply says the limit") {
    world w;
    decision huge = w.run("/incident", "declare " + std::string(10000, 'x'));
    CHECK(huge.is_reply_only());
    CHECK(
        contains(huge.reply, "The title is 10000 characters long; the limit is 150. Shorten it."));

    std::string longest(150, 'y');
    decision fits = w.run("/incident", "declare " + longest);
    REQUIRE(fits.saved);
    CHECK(fits.saved->title == longest);
    CHECK(std::get<set_topic>(fits.effects[2]).topic.size() <= 250);
    CHECK(w.run("/incident", "declare " + longest + "y").is_reply_only());

    std::string accents;
    for (int k = 0; k < 150; ++k)
        accents += "é";
    CHECK(w.run("/incident", "declare " + accents).saved); // characters, not bytes
}

TEST_CASE("commands: control characters in a title are refused") {
    world w;
    decision tab = w.run("/incident", "declare \"DB\tdown\"");
    CHECK(tab.is_reply_only());
    CHECK(contains(tab.reply, "The title contains a control character (U+0009); it must be one "
                              "line."));
    decision bell = w.run("/incident", "declare DB\x07 down");
    CHECK(bell.is_reply_only());
    CHECK(contains(bell.reply, "control character (U+0007)"));
    decision nul = w.run("/incident", std::string("declare DB\0down", 15));
    CHECK(nul.is_reply_only());
    CHECK(contains(nul.reply, "U+0000"));
}

TEST_CASE("commands: an unterminated quote in declare is refused with the usage") {
    world w;
    decision d = w.run("/incident", R"(declare S1 "DB down --service checkout)");
    CHECK(d.is_reply_only());
    CHECK(contains(d.reply, "never closed"));
    CHECK(contains(d.reply, "Usage: `/incident declare"));
}

TEST_CASE("commands: special mentions in a title never notify the announcement channel") {
    world w;
    decision d = w.run("/incident", "declare S1 <!channel> checkout down");
    REQUIRE(d.saved);
    CHECK(d.saved->title == "@channel checkout down");
    for (const auto& post : effects_of<post_message>(d))
        CHECK_FALSE(contains(post.text, "<!"));
}

TEST_CASE("commands: declare without arguments asks with a form") {
    world w;
    for (auto text : {"", "declare", "  DECLARE  "}) {
        decision d = w.run("/incident", text);
        CHECK(d.is_reply_only());
        REQUIRE(d.form);
        const form& f = *d.form;
        CHECK(f.id == "declare");
        CHECK(f.title == "Declare an incident");
        CHECK(f.submit == "Declare");
        std::vector<std::string> keys;
        for (const auto& field : f.fields)
            keys.push_back(field.key);
        CHECK(keys == std::vector<std::string>{"title", "severity", "service", "description",
                                               "page_imoc", "page_cmoc", "announce", "security"});
        CHECK(f.fields[0].kind == field_kind::text);
        CHECK(f.fields[0].required);
        CHECK(f.fields[1].kind == field_kind::choice);
        CHECK(f.fields[1].choices ==
              std::vector<std::string>{"S0", "S1 (P1)", "S2 (P2)", "S3 (P3)", "S4 (P4)"});
        CHECK(f.fields[1].initial == "S2 (P2)");
        CHECK(f.fields[2].choices == std::vector<std::string>{"none", "checkout", "search"});
        CHECK(f.fields[3].kind == field_kind::long_text);
        CHECK(f.fields[4].kind == field_kind::checkbox);
        CHECK(f.fields[6].initial == "true");
        CHECK(f.fields[7].initial == "false");
    }
}

TEST_CASE("commands: a declare form's answers are validated like typed arguments") {
    world w;
    std::map<std::string, std::string> answers = {
        {"title", "Checkout down"}, {"severity", "S1 (P1)"},
        {"service", "checkout"},    {"description", "500s since 08:00"},
        {"page_imoc", "false"},     {"page_cmoc", "true"},
        {"announce", "false"},      {"security", "false"},
    };
    decision d = w.run("/incident", "declare", "alice", "general", answers);
    REQUIRE(d.saved);
    CHECK(d.saved->title == "Checkout down");
    CHECK(d.saved->level == severity::s1);
    CHECK(d.saved->service == "checkout");
    CHECK(d.saved->summary == "500s since 08:00");
    auto pages = effects_of<page_user>(d);
    REQUIRE(pages.size() == 3);
    CHECK(pages[2].rotation == "cmoc");
    CHECK(effects_of<post_message>(d).size() == 1); // not announced

    answers["security"] = "true";
    answers["service"] = "none";
    decision secret = w.run("/incident", "declare", "alice", "general", answers);
    REQUIRE(secret.saved);
    CHECK(secret.saved->security);
    CHECK(secret.saved->service.empty());
}

TEST_CASE("commands: a declare form's problems name their fields") {
    world w;
    decision missing = w.run("/incident", "declare", "alice", "general", {{"severity", "S1"}});
    CHECK(missing.is_reply_only());
    CHECK(missing.reply == "*Title*: A title is required: say in a few words what is wrong.");

    decision several = w.run("/incident", "declare", "alice", "general",
                             {{"title", ""}, {"severity", "S9"}, {"service", "nope"}});
    CHECK(several.is_reply_only());
    CHECK(several.reply.starts_with("Nothing was declared:\n• *Title*: A title is required"));
    CHECK(contains(several.reply, "\n• *Severity (S0 is the worst)*: Unknown severity `S9`"));
    CHECK(contains(several.reply, "\n• *Service*: Unknown service `nope`."));
}
