// The `intake:` section: other systems' webhooks, their presets and their secrets.

#include "config_test_support.hpp"

#include <doctest/doctest.h>

using namespace siren;
using namespace siren::config;
using namespace siren::config::testing;

namespace {

constexpr std::string_view base = R"(people:
  - {handle: alice}
rotations:
  - {name: eoc, members: [alice]}
services:
  - {name: checkout}
)";

bool mentions(const loaded& l, std::string_view part) {
    return all(l).find(part) != std::string::npos;
}

} // namespace

TEST_CASE("config: intake sources with their presets' defaults") {
    const auto l = load_with_severities(std::string(base) + R"(intake:
  sources:
    synthetics:
      action: declare
      severity: S1
      service: checkout
    hackerone:
      preset: hackerone
    intercom:
      preset: intercom
      tag: defect
)",
                                        {{"SIREN_INTAKE_SYNTHETICS_TOKEN", "t1"},
                                         {"SIREN_INTAKE_HACKERONE_SECRET", "h1"},
                                         {"SIREN_INTAKE_INTERCOM_SECRET", "ic"},
                                         {"SIREN_INTAKE_INTERCOM_TOKEN", "t3"}});
    REQUIRE_MESSAGE(l.ok(), all(l));
    const auto& sources = l.values.intake.sources;
    REQUIRE(sources.size() == 3);
    const intake_source* synthetics = l.values.intake.find("synthetics");
    REQUIRE(synthetics);
    CHECK(synthetics->preset == intake_preset::generic);
    CHECK(synthetics->action == intake_action::declare);
    CHECK(synthetics->level == severity::s1);
    CHECK(synthetics->service == "checkout");
    CHECK(synthetics->token.value == "t1");
    CHECK_FALSE(synthetics->security);
    const intake_source* h1 = l.values.intake.find("hackerone");
    REQUIRE(h1);
    CHECK(h1->action == intake_action::declare);
    CHECK(h1->security);
    CHECK(h1->signing_secret.source == "env SIREN_INTAKE_HACKERONE_SECRET");
    const intake_source* ic = l.values.intake.find("intercom");
    REQUIRE(ic);
    CHECK(ic->action == intake_action::report);
    CHECK(ic->tag == "defect");
}

TEST_CASE("config: intake sources need a way to check the sender, and valid names") {
    CHECK(mentions(load_with_severities(std::string(base) + "intake:\n  sources:\n    form: {}\n"),
                   "SIREN_INTAKE_FORM_TOKEN"));
    CHECK(mentions(
        load_with_severities(std::string(base) + "intake:\n  sources:\n    form: {token: abc}\n",
                             {{"SIREN_INTAKE_FORM_TOKEN", "t"}}),
        "secrets do not belong in the config file"));
    CHECK(mentions(
        load_with_severities(std::string(base) + "intake:\n  sources:\n    Bad/Name: {}\n"),
        "is not a source name"));
    CHECK(mentions(
        load_with_severities(std::string(base) + "intake:\n  sources:\n    form: {service: nope}\n",
                             {{"SIREN_INTAKE_FORM_TOKEN", "t"}}),
        "nope"));
    CHECK(mentions(
        load_with_severities(std::string(base) + "intake:\n  sources:\n    form: {tag: bug}\n",
                             {{"SIREN_INTAKE_FORM_TOKEN", "t"}}),
        "`tag` is for `preset: intercom` only"));
}

TEST_CASE("config: a severity's bridge is a URL") {
    const auto good = load(std::string(base) + R"(severities:
  S0: {page: []}
  S1: {page: [], bridge: "https://zoom.us/j/123"}
  S2: {page: []}
  S3: {page: []}
  S4: {page: []}
)");
    REQUIRE_MESSAGE(good.ok(), all(good));
    CHECK(good.values.policy(severity::s1).bridge == "https://zoom.us/j/123");
    CHECK(good.values.policy(severity::s2).bridge.empty());
    const auto bad = load(std::string(base) + R"(severities:
  S0: {page: []}
  S1: {page: [], bridge: "zoom meeting"}
  S2: {page: []}
  S3: {page: []}
  S4: {page: []}
)");
    CHECK_FALSE(bad.ok());
}
