#include "tests/unit/commands/fakes.hpp"

#include <doctest/doctest.h>

using namespace siren;
using siren::testing::effects_of;
using siren::testing::kinds;
using siren::testing::world;

namespace {

bool contains(std::string_view text, std::string_view part) {
    return text.find(part) != std::string_view::npos;
}

} // namespace

TEST_CASE("commands: a report pages the EOC and asks the reporter to stay reachable") {
    world w;
    decision d = w.run("/incident", "report the cart empties after login", "frank", "C-general");
    REQUIRE(d.saved_report);
    const report& r = *d.saved_report;
    CHECK(r.id == 1);
    CHECK(r.reporter == "frank");
    CHECK(r.text == "the cart empties after login");
    CHECK(r.channel_id == "C-general");
    CHECK(r.reported_at == w.now);
    CHECK(r.paged == "bob");
    CHECK_FALSE(r.incident);
    CHECK_FALSE(d.saved);
    CHECK(d.timeline.empty());

    CHECK(kinds(d) == std::vector<std::string>{"page_user", "notify_user"});
    auto page = std::get<page_user>(d.effects[0]);
    CHECK(page.user == "bob");
    CHECK(page.rotation == "eoc");
    CHECK(page.dedup_key == "siren-report-1");
    CHECK(page.level == severity::s2);
    CHECK(page.summary == "Report #1 from frank: the cart empties after login");
    auto notice = std::get<notify_user>(d.effects[1]);
    CHECK(notice.user == "bob");
    CHECK(contains(notice.text, "<@frank> reported (#1): the cart empties after login"));
    CHECK(contains(notice.text, "`/incident declare --from-report 1 S2`"));
    CHECK(d.reply == "Thanks. Report #1 went to <@bob>, the engineer on call, who has been "
                     "paged. Stay reachable here until they get back to you.");
}

TEST_CASE("commands: a report with nobody on call is kept, and the reply says to declare") {
    world w;
    w.people.on_call_now.clear();
    decision d = w.run("/incident", "report the cart empties after login", "frank");
    REQUIRE(d.saved_report);
    CHECK(d.saved_report->paged.empty());
    CHECK(d.effects.empty());
    CHECK(contains(d.reply, "Report #1 is saved, but *Nobody is on call for eoc: page someone "
                            "by hand.*"));
    CHECK(contains(d.reply, "`/incident declare --from-report 1`"));
}

TEST_CASE("commands: a report needs text within the limit") {
    world w;
    decision empty = w.run("/incident", "report   ");
    CHECK(empty.is_reply_only());
    CHECK(contains(empty.reply, "Say what you see"));
    CHECK(contains(empty.reply, "Usage: `/incident report <what you see>`"));
    decision huge = w.run("/incident", "report " + std::string(100000, 'a'));
    CHECK(huge.is_reply_only());
    CHECK(contains(huge.reply, "The report is 100000 characters long; the limit is 3000."));
    decision lines = w.run("/incident", "report first line\nsecond line");
    REQUIRE(lines.saved_report);
    CHECK(lines.saved_report->text == "first line\nsecond line");
}

TEST_CASE("commands: a report becomes an incident with declare --from-report") {
    world w;
    w.act("/incident", "report the cart empties after login\n  since 08:00", "frank");
    decision d = w.run("/incident", "declare --from-report 1 S1", "bob");

    REQUIRE(d.saved);
    CHECK(d.saved->title == "the cart empties after login since 08:00");
    CHECK(d.saved->level == severity::s1);
    CHECK(d.saved->roles.at(role::ic) == "bob");
    REQUIRE(d.saved_report);
    CHECK(d.saved_report->id == 1);
    CHECK(d.saved_report->incident == 1);
    CHECK(d.saved_report->reporter == "frank");

    CHECK(std::get<invite_users>(d.effects[1]).users ==
          std::vector<user_id>{"bob", "frank", "carol"});
    REQUIRE(d.timeline.size() == 3);
    CHECK(d.timeline[1].kind == entry_kind::report);
    CHECK(d.timeline[1].text ==
          "from report #1 by <@frank>: the cart empties after login\n  since 08:00");
    auto pages = effects_of<page_user>(d);
    REQUIRE(pages.size() == 1); // bob declared: the IMOC only
    CHECK(pages[0].user == "carol");
    CHECK(std::get<resolve_page>(d.effects.back()).dedup_key == "siren-report-1");

    w.incidents.save(d);
    decision again = w.run("/incident", "declare --from-report 1", "bob");
    CHECK(again.is_reply_only());
    CHECK(again.reply == "Report #1 was already declared as #1 in "
                         "<#incident-20260324-the-cart-empties-after-login-since-08-00>.");
}

TEST_CASE("commands: declare --from-report takes a typed title and cuts a long report's") {
    world w;
    w.act("/incident", "report " + std::string(400, 'z') + " tail", "frank");
    w.act("/incident", "report cart empty", "frank");

    decision titled = w.run("/incident", "declare --from-report 2 Cart loses items", "bob");
    REQUIRE(titled.saved);
    CHECK(titled.saved->title == "Cart loses items");

    decision cut = w.run("/incident", "declare --from-report 1", "bob");
    REQUIRE(cut.saved);
    CHECK(cut.saved->title == std::string(150, 'z'));
    CHECK(cut.saved->level == severity::s2);
}

TEST_CASE("commands: declare --from-report refuses an unknown or malformed report") {
    world w;
    decision missing = w.run("/incident", "declare --from-report 9");
    CHECK(missing.is_reply_only());
    CHECK(missing.reply == "There is no report #9.");
    decision malformed = w.run("/incident", "declare --from-report x title");
    CHECK(malformed.is_reply_only());
    CHECK(contains(malformed.reply, "`x` is not a report number: write a number such as 2."));
    decision huge = w.run("/incident", "declare --from-report 99999999999999999999 t");
    CHECK(contains(huge.reply, "is not a report number"));
}

TEST_CASE("commands: list shows open incidents newest first") {
    world w;
    CHECK(w.run("/incident", "list").reply == "No open incidents.");

    w.act("/incident", "declare S2 Search slow");
    w.now += hours{2} + minutes{5};
    w.act("/incident", "declare S1 Checkout down", "bob");
    w.now += minutes{10};
    w.act("/incident", "declare S3 Old and resolved", "carol");
    w.incidents.incidents.back().current = stage::resolved;

    decision d = w.run("/incident", "list");
    CHECK(d.is_reply_only());
    CHECK(d.reply == "*Open incidents (2)*\n"
                     "• #2 · S1 · declared · 10m · IC <@bob> · "
                     "<#incident-20260324-checkout-down> — Checkout down\n"
                     "• #1 · S2 · declared · 2h 15m · IC <@alice> · "
                     "<#incident-20260324-search-slow> — Search slow");

    decision extra = w.run("/incident", "list everything");
    CHECK(contains(extra.reply, "`/incident list` takes no arguments."));
}
