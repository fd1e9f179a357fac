// The hosted status page: which commands mirror what, with siren's own page's rules.

#include "commands/status_mirror.hpp"
#include "tests/unit/commands/fakes.hpp"

#include <doctest/doctest.h>

using namespace siren;
using siren::testing::effects_of;

namespace {

// S0 and S1 are on the status page, mirrored to Statuspage.
struct mirror_world : siren::testing::world {
    mirror_world() {
        for (auto& p : config.severities)
            p.status_page = p.level <= severity::s1;
        config.status_mirror.kind = status_host_kind::statuspage;
        config.status_mirror.page_id = "pg1";
    }

    decision in(const std::string& channel, std::string text, user_id user = "alice") {
        return act("/119", std::move(text), std::move(user), channel);
    }
};

const std::string checkout = "incident-20260324-checkout-returns-500";

} // namespace

TEST_CASE("status mirror: a public incident is mirrored as declared") {
    mirror_world w;
    auto d = w.act("/incident", "declare S1 Checkout returns 500 --service checkout");
    auto mirrored = effects_of<mirror_status>(d);
    REQUIRE(mirrored.size() == 1);
    CHECK(mirrored[0].incident == 1);
    CHECK(mirrored[0].title == "Checkout returns 500");
    CHECK(mirrored[0].service == "checkout");
    CHECK(mirrored[0].current == stage::declared);
    CHECK(mirrored[0].status == public_status::partial_service_disruption);
    CHECK(mirrored[0].update.empty());
}

TEST_CASE("status mirror: nothing without status_mirror, nor for what the page never shows") {
    mirror_world w;
    w.config.status_mirror.kind = status_host_kind::none;
    CHECK(effects_of<mirror_status>(w.act("/incident", "declare S1 Checkout returns 500")).empty());

    mirror_world on;
    CHECK(effects_of<mirror_status>(on.act("/incident", "declare S0 Leaked keys --security"))
              .empty());
    CHECK(effects_of<mirror_status>(
              on.act("/incident", "declare S1 Almost dropped a table --near-miss --service search"))
              .empty());
    CHECK(effects_of<mirror_status>(on.act("/incident", "declare S2 Search is slow --force"))
              .empty());
    auto security = "incident-20260324-leaked-keys";
    CHECK(effects_of<mirror_status>(on.in(security, "public \"Nothing to see\"")).empty());
}

TEST_CASE("status mirror: stage, status, public updates and resolve follow") {
    mirror_world w;
    w.act("/incident", "declare S1 Checkout returns 500 --service checkout");

    auto staged = effects_of<mirror_status>(w.in(checkout, "update stage=identified"));
    REQUIRE(staged.size() == 1);
    CHECK(staged[0].current == stage::identified);

    auto unchanged = w.in(checkout, "update summary=\"bad deploy\"");
    CHECK(effects_of<mirror_status>(unchanged).empty());

    auto status = effects_of<mirror_status>(w.in(checkout, "update status=service_disruption"));
    REQUIRE(status.size() == 1);
    CHECK(status[0].status == public_status::service_disruption);

    auto told = effects_of<mirror_status>(w.in(checkout, "public \"Rolling back.\""));
    REQUIRE(told.size() == 1);
    CHECK(told[0].update == "Rolling back.");
    CHECK(told[0].current == stage::identified);

    auto resolved = effects_of<mirror_status>(w.in(checkout, "resolve"));
    REQUIRE(resolved.size() == 1);
    CHECK(resolved[0].current == stage::resolved);
}

TEST_CASE("status mirror: a severity that brings an incident onto the page mirrors it") {
    mirror_world w;
    w.act("/incident", "declare S2 Checkout returns 500 --service checkout");
    auto raised = effects_of<mirror_status>(w.in(checkout, "update sev=S1"));
    REQUIRE(raised.size() == 1);
    CHECK(raised[0].title == "Checkout returns 500");

    incident before;
    before.level = severity::s1;
    before.current = stage::resolved;
    incident after = before;
    after.current = stage::closed;
    CHECK_FALSE(commands::mirror_changed(before, after, w.config).has_value());
}
