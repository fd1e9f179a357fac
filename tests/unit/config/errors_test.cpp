// Each kind of mistake, reported with file, line, key path and what is expected instead.

#include "config_test_support.hpp"

#include <doctest/doctest.h>

using namespace siren;
using namespace siren::config;
using namespace siren::config::testing;

namespace {

// The only problem of a load, as text; fails the test when there is not exactly one.
std::string only_problem(const loaded& l) {
    REQUIRE_MESSAGE(l.problems.size() == 1, all(l));
    return to_string(l.problems.front());
}

} // namespace

TEST_CASE("config: a problem reads as file:line: key: message") {
    CHECK(to_string({"siren.yaml", 12, "rotations[0].members", "must list at least one person"}) ==
          "siren.yaml:12: rotations[0].members: must list at least one person");
    CHECK(to_string({"siren.yaml", 0, "severities", "missing"}) ==
          "siren.yaml: severities: missing");
    CHECK(to_string({"siren.yaml", 3, "", "YAML syntax error"}) ==
          "siren.yaml:3: YAML syntax error");
    CHECK(to_string({"", 0, "slack.bot_token", "missing"}) == "slack.bot_token: missing");
}

TEST_CASE("config: unknown keys are reported with the closest known key") {
    const auto l = load(R"(severities:
  S0: {page: [], anounce: true}
  S1: {page: [], colour: red}
  S2: {page: []}
  S3: {page: []}
  S4: {page: []}
workspace:
  anounce: general
  Name: acme
)");
    REQUIRE_MESSAGE(l.problems.size() == 4, all(l));
    CHECK(to_string(l.problems[0]) ==
          "siren.yaml:2: severities.S0.anounce: unknown key `anounce`; did you mean `announce`?");
    CHECK(to_string(l.problems[1]) == "siren.yaml:3: severities.S1.colour: unknown key `colour`");
    // A key shortened to some of its words is recognised too.
    CHECK(to_string(l.problems[2]) == "siren.yaml:8: workspace.anounce: unknown key `anounce`; "
                                      "did you mean `announce_channel`?");
    CHECK(to_string(l.problems[3]) ==
          "siren.yaml:9: workspace.Name: unknown key `Name`; did you mean `name`?");
}

TEST_CASE("config: unknown top-level sections and repeated keys are reported") {
    const auto l = load_with_severities("rotation: []\nstore: {path: a.db, path: b.db}\n");
    REQUIRE_MESSAGE(l.problems.size() == 2, all(l));
    CHECK(to_string(l.problems[0]) ==
          "siren.yaml:1: rotation: unknown key `rotation`; did you mean `rotations`?");
    CHECK(to_string(l.problems[1]) ==
          "siren.yaml:2: store.path: duplicate key; first given on line 2");
}

TEST_CASE("config: values of the wrong type say what was expected") {
    const auto l = load(R"(severities:
  S0: {page: eoc}
  S1: {page: [], announce: [yes]}
  S2: {page: [], announce: maybe}
  S3: nothing
  S4: {page: []}
people: {alice: Alice}
http: 8080
)");
    REQUIRE_MESSAGE(l.problems.size() == 6, all(l));
    CHECK(to_string(l.problems[0]) ==
          "siren.yaml:2: severities.S0.page: expected a list of rotation names, got a string");
    CHECK(to_string(l.problems[1]) ==
          "siren.yaml:3: severities.S1.announce: expected true or false, got a list");
    CHECK(to_string(l.problems[2]) ==
          "siren.yaml:4: severities.S2.announce: expected true or false, got `maybe`");
    CHECK(to_string(l.problems[3]) ==
          "siren.yaml:5: severities.S3: expected a severity policy (a map with page, announce, "
          "...), got a string");
    CHECK(to_string(l.problems[4]) == "siren.yaml:7: people: expected a list of people, got a map");
    CHECK(to_string(l.problems[5]) == "siren.yaml:8: http: expected a map, got a string");
}

TEST_CASE("config: bad durations") {
    const auto l = load_with_severities(R"(workspace:
  duplicate_window: soon
rotations:
  - name: eoc
    members: [alice]
    length: 36h
escalations:
  - name: default
    levels: [{targets: [eoc], after: 90x}, {targets: [eoc], after: 0}]
people: [{handle: alice}]
)");
    REQUIRE_MESSAGE(l.problems.size() == 4, all(l));
    CHECK(to_string(l.problems[0]) ==
          "siren.yaml:2: workspace.duplicate_window: expected a duration such as 30m, 1h or 1h30m, "
          "or 0 for none, got `soon`");
    CHECK(to_string(l.problems[1]) == "siren.yaml:6: rotations[0].length: expected a duration in "
                                      "whole days such as 7d or 2w, got `36h`");
    CHECK(to_string(l.problems[2]) ==
          "siren.yaml:9: escalations[0].levels[0].after: expected a duration such as 5m, 1h or "
          "1h30m, got `90x`");
    CHECK(to_string(l.problems[3]) ==
          "siren.yaml:9: escalations[0].levels[1].after: expected a duration such as 5m, 1h or "
          "1h30m, got `0`");
}

TEST_CASE("config: unknown time zones") {
    CHECK(only_problem(load_with_severities("workspace:\n  time_zone: Mars/Olympus\n")) ==
          "siren.yaml:2: workspace.time_zone: unknown time zone `Mars/Olympus`: expected an IANA "
          "name such as Europe/Berlin or UTC");
    CHECK(only_problem(
              load_with_severities("people:\n  - handle: alice\n    time_zone: Europe/Berln\n")) ==
          "siren.yaml:3: people[0].time_zone: unknown time zone `Europe/Berln`: expected an IANA "
          "name such as Europe/Berlin or UTC");
}

TEST_CASE("config: a rotation must have members unless an external schedule provides them") {
    const auto l = load_with_severities(R"(people: [{handle: alice}]
rotations:
  - name: eoc
    members: []
  - name: imoc
  - name: pd
    source: pagerduty
  - name: og
    source: opsgenie
    external_id: Ops Team
    members: [alice]
  - name: local
    members: [alice]
    external_id: P123
)");
    REQUIRE_MESSAGE(l.problems.size() == 5, all(l));
    CHECK(to_string(l.problems[0]) == "siren.yaml:4: rotations[0].members: must list at least one "
                                      "person, e.g. `members: [alice, bob]`");
    CHECK(to_string(l.problems[1]) == "siren.yaml:5: rotations[1].members: must list at least one "
                                      "person, e.g. `members: [alice, bob]`");
    CHECK(to_string(l.problems[2]) ==
          "siren.yaml:6: rotations[2].external_id: a rotation with source pagerduty needs "
          "external_id: the PagerDuty schedule id");
    CHECK(to_string(l.problems[3]) ==
          "siren.yaml:11: rotations[3].members: a rotation with source opsgenie takes its people "
          "from the external schedule; remove `members`");
    CHECK(to_string(l.problems[4]) == "siren.yaml:14: rotations[4].external_id: external_id only "
                                      "applies when source is pagerduty or opsgenie");
}

TEST_CASE("config: hand-overs and start dates") {
    const auto l = load_with_severities(R"(people: [{handle: alice}]
rotations:
  - name: eoc
    members: [alice]
    handover: {weekday: mondai, time: "25:00"}
  - name: imoc
    members: [alice]
    start: "2026-01-06"
  - name: daily
    members: [alice]
    length: 1d
    start: "2026-01-06"
  - name: cmoc
    members: [alice]
    start: 2026-02-30
)");
    REQUIRE_MESSAGE(l.problems.size() == 4, all(l));
    CHECK(to_string(l.problems[0]) == "siren.yaml:5: rotations[0].handover.weekday: expected a "
                                      "weekday (monday to sunday), got `mondai`");
    CHECK(to_string(l.problems[1]) == "siren.yaml:5: rotations[0].handover.time: expected a time "
                                      "of day from 00:00 to 23:59, got `25:00`");
    CHECK(to_string(l.problems[2]) ==
          "siren.yaml:8: rotations[1].start: starts on a tuesday but hands over on mondays; pick "
          "a start date on that weekday or change handover.weekday");
    CHECK(
        to_string(l.problems[3]) ==
        "siren.yaml:15: rotations[3].start: expected a date such as 2026-01-05, got `2026-02-30`");
}

TEST_CASE("config: a severity without a page policy, and missing severities") {
    const auto l = load(R"(severities:
  S0: {page: []}
  S1: {page: []}
  S3:
    description: Minor
  S4:
    page:
)");
    REQUIRE_MESSAGE(l.problems.size() == 3, all(l));
    // A missing severity belongs to the severities map, which starts on line 2.
    CHECK(to_string(l.problems[0]) ==
          "siren.yaml:2: severities.S2: missing: every severity S0 to S4 needs a policy, e.g. "
          "`S2: { page: [] }`");
    CHECK(to_string(l.problems[1]) ==
          "siren.yaml:5: severities.S3: severity has no page policy: add `page: [eoc]` or "
          "`page: []`");
    CHECK(to_string(l.problems[2]) == "siren.yaml:7: severities.S4.page: expected a list of "
                                      "rotation names, got nothing; write `page: []` to page "
                                      "nobody");
}

TEST_CASE("config: an empty file gives the defaults and asks for the severities") {
    for (const char* empty : {"", "# nothing yet\n", "---\n", "~\n"}) {
        CAPTURE(empty);
        const auto l = load(empty);
        CHECK(only_problem(l) ==
              "siren.yaml: severities: missing: define S0 to S4, each with a page policy, e.g. "
              "`S1: { page: [eoc] }` or `S4: { page: [] }`");
        CHECK(l.values.workspace.name == "siren");
        CHECK(l.values.store.path == "siren.db");
    }
}

TEST_CASE("config: severity keys and aliases") {
    const auto l = load(R"(severities:
  S0: {page: []}
  S1: {page: [], aliases: [P1, Sev1]}
  s1: {page: []}
  S2: {page: [], aliases: [p1, S3]}
  S3: {page: [], aliases: ["P 3"]}
  S4: {page: []}
  P4: {page: []}
)");
    REQUIRE_MESSAGE(l.problems.size() == 5, all(l));
    CHECK(to_string(l.problems[0]) == "siren.yaml:4: severities.s1: severity S1 is defined twice");
    CHECK(to_string(l.problems[1]) ==
          "siren.yaml:5: severities.S2.aliases[0]: duplicate alias `p1`; first defined on line 3");
    CHECK(to_string(l.problems[2]) ==
          "siren.yaml:5: severities.S2.aliases[1]: alias `S3` looks like a severity (S0 to S4)");
    CHECK(to_string(l.problems[3]) == "siren.yaml:6: severities.S3.aliases[0]: alias `P 3` must be "
                                      "letters, digits, '-' and '_', such as P1");
    CHECK(to_string(l.problems[4]) ==
          "siren.yaml:8: severities.P4: unknown severity `P4`: expected "
          "S0 to S4 (aliases such as P1 go under `aliases:`)");
}

TEST_CASE("config: duplicate handles and other names") {
    const auto l = load_with_severities(R"(people:
  - handle: alice
  - handle: bob
  - handle: alice
  - name: No Handle
  - handle: Carol
rotations:
  - {name: eoc, members: [alice]}
  - {name: eoc, members: [bob]}
)");
    REQUIRE_MESSAGE(l.problems.size() == 4, all(l));
    CHECK(to_string(l.problems[0]) ==
          "siren.yaml:4: people[2].handle: duplicate handle `alice`; first defined on line 2");
    CHECK(to_string(l.problems[1]) ==
          "siren.yaml:5: people[3].handle: a person needs a handle, e.g. `handle: alice`");
    CHECK(to_string(l.problems[2]) == "siren.yaml:6: people[4].handle: `Carol` is not a valid "
                                      "handle: use lower-case letters, digits, '.', '_' and '-'");
    CHECK(to_string(l.problems[3]) ==
          "siren.yaml:9: rotations[1].name: duplicate rotation `eoc`; first defined on line 8");
    CHECK(l.values.people.size() == 3);
    CHECK(l.values.rotations.size() == 1);
}

TEST_CASE("config: a bad listen address") {
    for (const char* bad : {"localhost", "127.0.0.1:-1", "127.0.0.1:65536", ":8080", "[::1:8080"}) {
        CAPTURE(bad);
        const auto l = load_with_severities("http:\n  listen: \"" + std::string(bad) + "\"\n");
        CHECK(only_problem(l) == "siren.yaml:2: http.listen: expected host:port with a port from 0 "
                                 "to 65535, such as 127.0.0.1:8080 or [::1]:8080, got `" +
                                     std::string(bad) + "`");
    }
    for (const char* good :
         {"0.0.0.0:80", "127.0.0.1:0", "localhost:8080", "[::1]:8080", "siren.internal:443"}) {
        CAPTURE(good);
        const auto l = load_with_severities("http:\n  listen: \"" + std::string(good) + "\"\n");
        CHECK_MESSAGE(l.ok(), all(l));
        CHECK(l.values.http.listen == good);
    }
}

TEST_CASE("config: workspace values with a shape") {
    const auto l = load_with_severities(R"(workspace:
  announce_channel: "#production"
  channel_prefix: Incident-
  channel_date_format: "%Y-%m-%d %H"
  default_severity: P9
)");
    REQUIRE_MESSAGE(l.problems.size() == 4, all(l));
    CHECK(to_string(l.problems[0]) == "siren.yaml:2: workspace.announce_channel: write the channel "
                                      "name without '#': `production`");
    CHECK(to_string(l.problems[1]) ==
          "siren.yaml:3: workspace.channel_prefix: `Incident-` cannot start a Slack channel name: "
          "use lower-case letters, digits, '-' and '_'");
    CHECK(to_string(l.problems[2]) ==
          "siren.yaml:4: workspace.channel_date_format: `%Y-%m-%d %H` would not make a valid "
          "channel name: use only %Y, %m, %d, %y, %j and lower-case letters, digits, '-' and '_'");
    CHECK(to_string(l.problems[3]) == "siren.yaml:5: workspace.default_severity: unknown severity "
                                      "`P9`: expected S0 to S4 or one of their aliases");
}

TEST_CASE("config: choices list what is accepted") {
    const auto l = load_with_severities(R"(slack: {mode: sockets}
log: {format: text, level: verbose}
paging: {provider: pagerduyt}
)");
    REQUIRE_MESSAGE(l.problems.size() == 4, all(l));
    CHECK(to_string(l.problems[0]) ==
          "siren.yaml:1: slack.mode: expected one of socket, http, got `sockets`; did you mean "
          "`socket`?");
    CHECK(to_string(l.problems[1]) ==
          "siren.yaml:2: log.format: expected one of human, json, got `text`");
    CHECK(to_string(l.problems[2]) == "siren.yaml:2: log.level: expected one of trace, debug, "
                                      "info, warn, error, got `verbose`");
    CHECK(to_string(l.problems[3]) == "siren.yaml:3: paging.provider: expected one of slack, "
                                      "pagerduty, opsgenie, splunk_oncall, got `pagerduyt`; did "
                                      "you mean `pagerduty`?");
}

TEST_CASE("config: a YAML syntax error names its line") {
    const auto l = load("workspace:\n  name: siren\nseverities: [S0, S1\npeople: []\n");
    CHECK(only_problem(l) == "siren.yaml:4: YAML syntax error: end of sequence flow not found");
    CHECK(only_problem(load("a: 1\n b: 2\n")) ==
          "siren.yaml:2: YAML syntax error: illegal map value");
}

TEST_CASE("config: stray characters that stall the YAML parser are a syntax error") {
    // yaml-cpp 0.7 would produce empty documents forever from these.
    CHECK(only_problem(load(",")) == "siren.yaml:1: YAML syntax error: cannot read on from here (a "
                                     "stray ',' outside [...] or {...}?)");
    CHECK(only_problem(load("\"x\" ,")) == "siren.yaml:1: YAML syntax error: cannot read on from "
                                           "here (a stray ',' outside [...] or {...}?)");
}

TEST_CASE("config: a file holds one document") {
    const auto l = load(std::string(quiet_severities) + "---\nworkspace: {name: other}\n");
    CHECK(only_problem(l) == "siren.yaml:8: expected one YAML document, found 2: remove the `---` "
                             "separators");
}

TEST_CASE("config: a document that is not a map") {
    CHECK(only_problem(load("- workspace\n- severities\n")) ==
          "siren.yaml:1: expected a map of sections (workspace, severities, people, ...), got a "
          "list");
}

TEST_CASE("config: every problem is reported at once, in line order") {
    const auto l = load(R"(workspace:
  time_zone: Mars/Olympus
  anounce_channel: prod
severities:
  S0: {page: [eoc]}
  S1: {page: [eoc], update_every: often}
  S2: {page: [eoc]}
  S3: {description: no page policy}
people:
  - handle: alice
  - handle: alice
rotations:
  - name: eoc
    members: [alice, zoe]
    length: seven
  - name: imoc
    members: []
http: {listen: "localhost"}
)");
    const std::vector<std::string> expected = {
        "siren.yaml:2: workspace.time_zone: unknown time zone `Mars/Olympus`: expected an IANA "
        "name such as Europe/Berlin or UTC",
        "siren.yaml:3: workspace.anounce_channel: unknown key `anounce_channel`; did you mean "
        "`announce_channel`?",
        "siren.yaml:5: severities.S4: missing: every severity S0 to S4 needs a policy, e.g. `S4: "
        "{ page: [] }`",
        "siren.yaml:6: severities.S1.update_every: expected a duration such as 30m, 1h or 1h30m, "
        "or 0 for none, got `often`",
        "siren.yaml:8: severities.S3: severity has no page policy: add `page: [eoc]` or "
        "`page: []`",
        "siren.yaml:11: people[1].handle: duplicate handle `alice`; first defined on line 10",
        "siren.yaml:14: rotations[0].members[1]: unknown person `zoe`; every member must be listed "
        "under `people:` by handle",
        "siren.yaml:15: rotations[0].length: expected a duration in whole days such as 7d or 2w, "
        "got `seven`",
        "siren.yaml:17: rotations[1].members: must list at least one person, e.g. `members: "
        "[alice, bob]`",
        "siren.yaml:18: http.listen: expected host:port with a port from 0 to 65535, such as "
        "127.0.0.1:8080 or [::1]:8080, got `localhost`",
    };
    std::vector<std::string> actual;
    for (const auto& p : l.problems)
        actual.push_back(to_string(p));
    CHECK_MESSAGE(actual == expected, all(l));
}

TEST_CASE("config: aliases that blow up or loop are refused, quickly") {
    std::string bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n";
    for (char c = 'b'; c <= 'j'; ++c)
        bomb += std::string(1, c) + ": &" + c + " [*" + static_cast<char>(c - 1) + ", *" +
                static_cast<char>(c - 1) + ", *" + static_cast<char>(c - 1) + ", *" +
                static_cast<char>(c - 1) + ", *" + static_cast<char>(c - 1) + "]\n";
    CHECK(only_problem(load(bomb)) == "siren.yaml: the document holds more than 100000 values, "
                                      "counting those repeated through aliases");
    CHECK(only_problem(load("people: &p [*p]\n")) ==
          "siren.yaml: the document holds more than 100000 values, counting those repeated "
          "through aliases");
}
