// The `alerts:` section: routing rules for Alertmanager's alerts and the token it sends.

#include "config_test_support.hpp"

#include <doctest/doctest.h>

using namespace siren;
using namespace siren::config;
using namespace siren::config::testing;

namespace {

constexpr std::string_view team = R"(people:
  - {handle: alice}
rotations:
  - {name: eoc, members: [alice]}
  - {name: dba, members: [alice]}
)";

bool has_problem(const loaded& l, std::string_view key, int line, std::string_view part) {
    for (const auto& p : about(l, key))
        if (p.line == line && p.message.find(part) != std::string::npos)
            return true;
    return false;
}

} // namespace

TEST_CASE("config: alert routes are read in order, with their defaults") {
    const auto l = load_with_severities(std::string(team) + R"(alerts:
  service_label: app
  routes:
    - match: {severity: critical, team: web}
      action: declare
      severity: S1
    - match_re: {severity: "warn.*"}
      action: attach
      fallback: declare
      severity: S3
    - match: {severity: ""}
      action: ignore
    - action: page
      rotation: dba
)",
                                        {{"SIREN_ALERTMANAGER_TOKEN", "am-secret"}});
    REQUIRE_MESSAGE(l.ok(), all(l));
    const auto& a = l.values.alerts;
    CHECK(a.token.value == "am-secret");
    CHECK(a.token.source == "env SIREN_ALERTMANAGER_TOKEN");
    CHECK(a.service_label == "app");
    REQUIRE(a.routes.size() == 4);
    CHECK(a.routes[0].match ==
          std::map<std::string, std::string>{{"severity", "critical"}, {"team", "web"}});
    CHECK(a.routes[0].action == alert_action::declare);
    CHECK(a.routes[0].level == severity::s1);
    CHECK(a.routes[1].match_re == std::map<std::string, std::string>{{"severity", "warn.*"}});
    CHECK(a.routes[1].action == alert_action::attach);
    CHECK(a.routes[1].fallback == alert_action::declare);
    CHECK(a.routes[2].match == std::map<std::string, std::string>{{"severity", ""}});
    CHECK(a.routes[3].action == alert_action::page);
    CHECK(a.routes[3].rotation == "dba");
    CHECK_FALSE(a.routes[3].level);
    CHECK(a.routes[3].fallback == alert_action::page);
}

TEST_CASE("config: without an alerts section there are no routes and no token") {
    const auto l = load_with_severities(team);
    REQUIRE_MESSAGE(l.ok(), all(l));
    CHECK(l.values.alerts.routes.empty());
    CHECK(l.values.alerts.token.empty());
    CHECK(l.values.alerts.service_label == "service");
}

TEST_CASE("config: mistakes in alert routes are reported with their lines") {
    const auto l = load_with_severities(std::string(team) + R"(alerts:
  token: am-inline-secret
  service_label: 9lives
  routes:
    - match: {bad-label: x}
      action: page
    - match_re: {severity: "("}
      action: declare
      severity: S9
    - match: {a: b}
      action: atach
      rotation: eocc
    - match: {a: c}
      action: page
      fallback: ignore
    - match: {a: d}
      severity: S1
    - action: ignore
    - action: page
)");
    CHECK_FALSE(l.ok());
    // Lines count from the alerts section, which starts on line 6.
    CHECK(has_problem(l, "alerts.token", 7, "secrets do not belong in the config file"));
    CHECK(all(l).find("am-inline-secret") == std::string::npos);
    CHECK(has_problem(l, "alerts.service_label", 8, "expected a label name"));
    CHECK(has_problem(l, "alerts.routes[0].match.bad-label", 10, "is not a label name"));
    CHECK(has_problem(l, "alerts.routes[1].match_re.severity", 12, "is not a regular expression"));
    CHECK(has_problem(l, "alerts.routes[1].severity", 14, "unknown severity `S9`"));
    CHECK(has_problem(l, "alerts.routes[2].action", 16, "did you mean `attach`?"));
    CHECK(has_problem(l, "alerts.routes[2].rotation", 17, "unknown rotation `eocc`"));
    CHECK(has_problem(l, "alerts.routes[3].fallback", 20, "is for `action: attach` only"));
    bool missing_action = false;
    for (const auto& p : l.problems)
        missing_action = missing_action || (p.key == "alerts.routes[4].action" &&
                                            p.message.find("a route needs an action") == 0);
    CHECK_MESSAGE(missing_action, all(l));
    CHECK(has_problem(l, "alerts.routes[6]", 24, "this route is never used: the route on line 23"));
}

TEST_CASE("config: the token may come from a file, and describe never shows it") {
    const auto l =
        load_text(std::string(team) + std::string(quiet_severities) +
                      "alerts: {token_file: /run/secrets/am, routes: [{action: page}]}\n",
                  "siren.yaml", env_of({}), [](const std::string& path) -> outcome<std::string> {
                      if (path != "/run/secrets/am")
                          return {boost::system::in_place_error, "no such file"};
                      return {boost::system::in_place_value, "file-secret\n"};
                  });
    REQUIRE_MESSAGE(l.ok(), all(l));
    CHECK(l.values.alerts.token.value == "file-secret");
    const auto text = describe(l.values);
    CHECK(text.find("file-secret") == std::string::npos);
    CHECK(text.find("token: <redacted from file /run/secrets/am>") != std::string::npos);
}
