// Names that refer to other parts of the config must name something that exists.

#include "config_test_support.hpp"

#include <doctest/doctest.h>

using namespace siren;
using namespace siren::config;
using namespace siren::config::testing;

namespace {

constexpr std::string_view team = R"(people: [{handle: alice}, {handle: carol}]
rotations:
  - {name: eoc, members: [alice]}
  - {name: imoc, members: [carol], secondary: [alice]}
)";

loaded load_team(std::string_view rest) {
    return load(std::string(team) + std::string(rest));
}

} // namespace

TEST_CASE("config: severities page rotations that exist") {
    const auto l = load_team(R"(severities:
  S0: {page: [eocc, imoc], escalation: defualt}
  S1: {page: [sre]}
  S2: {page: []}
  S3: {page: []}
  S4: {page: []}
escalations:
  - {name: default, levels: [{targets: [eoc]}]}
)");
    REQUIRE_MESSAGE(l.problems.size() == 3, all(l));
    CHECK(to_string(l.problems[0]) ==
          "siren.yaml:6: severities.S0.page[0]: unknown rotation `eocc`; did you mean `eoc`?");
    CHECK(to_string(l.problems[1]) == "siren.yaml:6: severities.S0.escalation: unknown escalation "
                                      "policy `defualt`; did you mean `default`?");
    CHECK(to_string(l.problems[2]) ==
          "siren.yaml:7: severities.S1.page[0]: unknown rotation `sre`; rotations are listed "
          "under `rotations:`");
}

TEST_CASE("config: escalation targets name rotations, secondary tracks or people") {
    const auto l = load_team(std::string(R"(escalations:
  - name: default
    levels:
      - targets: [eoc, "imoc:secondary", "@carol"]
      - targets: ["eoc:secondary", carol, "@zoe", "eoc:backup"]
  - name: empty
    levels: [{targets: []}]
  - name: none
)") + std::string(quiet_severities));
    REQUIRE_MESSAGE(l.problems.size() == 6, all(l));
    CHECK(to_string(l.problems[0]) == "siren.yaml:9: escalations[0].levels[1].targets[0]: rotation "
                                      "`eoc` has no secondary track: list `secondary:` people for "
                                      "it");
    CHECK(to_string(l.problems[1]) ==
          "siren.yaml:9: escalations[0].levels[1].targets[1]: unknown rotation `carol`; to page a "
          "person, write `@carol`");
    CHECK(to_string(l.problems[2]) ==
          "siren.yaml:9: escalations[0].levels[1].targets[2]: unknown person `zoe`; every person "
          "must be listed under `people:` by handle");
    CHECK(to_string(l.problems[3]) ==
          "siren.yaml:9: escalations[0].levels[1].targets[3]: unknown target `eoc:backup`: "
          "expected a rotation (eoc), its secondary track (eoc:secondary) or a person (@carol)");
    CHECK(to_string(l.problems[4]) == "siren.yaml:11: escalations[1].levels[0].targets: a level "
                                      "needs targets, e.g. `targets: [eoc]`");
    CHECK(to_string(l.problems[5]) ==
          "siren.yaml:12: escalations[2].levels: an escalation policy needs at least one level, "
          "e.g. `levels: [{targets: [eoc], after: 5m}]`");
}

TEST_CASE("config: services belong to rotations that exist") {
    const auto l = load_team(std::string(R"(services:
  - {name: checkout, rotation: imoc, runbook: "runbooks/checkout"}
  - {name: search, rotation: seach, links: {Logs: "ftp://logs", Grafana: }}
)") + std::string(quiet_severities));
    REQUIRE_MESSAGE(l.problems.size() == 4, all(l));
    CHECK(to_string(l.problems[0]) ==
          "siren.yaml:6: services[0].runbook: `runbooks/checkout` is not a URL: expected one "
          "starting with https://");
    CHECK(to_string(l.problems[1]) == "siren.yaml:7: services[1].rotation: unknown rotation "
                                      "`seach`; rotations are listed under `rotations:`");
    CHECK(to_string(l.problems[2]) ==
          "siren.yaml:7: services[1].links.Logs: `ftp://logs` is not a URL: expected one starting "
          "with https://");
    CHECK(to_string(l.problems[3]) ==
          "siren.yaml:7: services[1].links.Grafana: expected a URL, got nothing");
}

TEST_CASE("config: a service without a rotation needs an eoc rotation") {
    const auto l = load_with_severities("services: [{name: checkout}]\n");
    REQUIRE_MESSAGE(l.problems.size() == 1, all(l));
    CHECK(to_string(l.problems[0]) == "siren.yaml:1: services[0].rotation: unknown rotation `eoc`; "
                                      "a service without `rotation:` belongs to `eoc`");
}

TEST_CASE("config: rotation members are people") {
    const auto l = load_with_severities(R"(people: [{handle: alice}]
rotations: [{name: eoc, members: [alice, alcie], secondary: [bob]}]
)");
    REQUIRE_MESSAGE(l.problems.size() == 2, all(l));
    CHECK(to_string(l.problems[0]) ==
          "siren.yaml:2: rotations[0].members[1]: unknown person `alcie`; did you mean `alice`?");
    CHECK(to_string(l.problems[1]) ==
          "siren.yaml:2: rotations[0].secondary[0]: unknown person `bob`; every member must be "
          "listed under `people:` by handle");
}
