// commands::on_intake: what another system's webhook becomes, a report or a declared incident.

#include "commands/intake.hpp"
#include "tests/unit/commands/fakes.hpp"

#include <doctest/doctest.h>

using namespace siren;
using siren::testing::effects_of;
using siren::testing::world;

namespace {

bool contains(std::string_view text, std::string_view part) {
    return text.find(part) != std::string_view::npos;
}

intake_item item(std::string title, std::string severity = "", std::string link = "") {
    return {.title = std::move(title),
            .severity = std::move(severity),
            .description = "Seen by 3 customers <!channel>",
            .link = std::move(link),
            .dedup_key = "k1"};
}

} // namespace

TEST_CASE("intake: a report source pages the engineer on call with the item") {
    world w;
    intake_source source{.name = "status-form"};
    decision d = commands::on_intake(item("Cart is empty", "", "https://support.example/t/9"),
                                     source, w.ctx());
    REQUIRE(d.saved_report);
    CHECK(d.saved_report->reporter.empty());
    CHECK(d.saved_report->paged == "bob");
    CHECK(contains(d.saved_report->text, "[status-form] Cart is empty"));
    CHECK(contains(d.saved_report->text, "https://support.example/t/9"));
    CHECK_FALSE(contains(d.saved_report->text, "<!channel>"));
    CHECK(d.reply == "report #1: paged <@bob> (eoc)");
    auto pages = effects_of<page_user>(d);
    REQUIRE(pages.size() == 1);
    CHECK(pages[0].user == "bob");
    CHECK(contains(pages[0].summary, "from siren"));
    auto notices = effects_of<notify_user>(d);
    REQUIRE(notices.size() == 1);
    CHECK(notices[0].text.starts_with("siren reported (#1)"));
}

TEST_CASE("intake: a declare source declares with the payload's severity and the source's "
          "service") {
    world w;
    intake_source source{.name = "synthetics",
                         .action = intake_action::declare,
                         .level = severity::s3,
                         .service = "checkout"};
    decision d = commands::on_intake(item("Checkout probe failing", "P1"), source, w.ctx());
    REQUIRE(d.saved);
    CHECK(d.saved->level == severity::s1);
    CHECK(d.saved->service == "checkout");
    CHECK(d.saved->title == "Checkout probe failing");
    CHECK(d.saved->declared_by.empty());
    CHECK(d.saved->roles.at(role::ic) == "bob"); // checkout has no rotation: eoc commands
    CHECK_FALSE(d.saved->security);
    CHECK(d.reply.starts_with("declared #1 (S1) in #incident-"));

    SUBCASE("without a severity in the payload, the source's") {
        decision d3 = commands::on_intake(item("Checkout probe failing"), source, w.ctx());
        REQUIRE(d3.saved);
        CHECK(d3.saved->level == severity::s3);
    }
}

TEST_CASE("intake: a private source declares a security incident led by the security on-call") {
    world w;
    intake_source source{.name = "hackerone",
                         .preset = intake_preset::hackerone,
                         .action = intake_action::declare,
                         .security = true};
    decision d = commands::on_intake(
        item("XSS in search", "S2", "https://hackerone.com/reports/1337"), source, w.ctx());
    REQUIRE(d.saved);
    CHECK(d.saved->security);
    CHECK(d.saved->roles.at(role::ic) == "erin");
    auto channels = effects_of<create_channel>(d);
    REQUIRE(channels.size() == 1);
    CHECK(channels[0].is_private);
    CHECK(effects_of<post_message>(d).size() == 1); // the intro only: never announced
    bool paged_security = false;
    for (const auto& p : effects_of<page_user>(d)) {
        paged_security = paged_security || p.rotation == "security";
        CHECK_FALSE(contains(p.summary, "XSS")); // the title stays out of the pager
    }
    CHECK(paged_security);
    CHECK(contains(d.saved->summary, "https://hackerone.com/reports/1337"));
}

TEST_CASE("intake: an unknown severity or a link that is not http(s) is refused, nothing saved") {
    world w;
    intake_source source{.name = "generic"};
    decision bad_level = commands::on_intake(item("Down", "S9"), source, w.ctx());
    CHECK(bad_level.is_reply_only());
    CHECK(contains(bad_level.reply, "S9"));
    decision bad_link =
        commands::on_intake(item("Down", "", "javascript:alert(1)"), source, w.ctx());
    CHECK(bad_link.is_reply_only());
    decision slack_link =
        commands::on_intake(item("Down", "", "https://x.example/a|click"), source, w.ctx());
    CHECK(slack_link.is_reply_only());
}
