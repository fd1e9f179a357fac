// What a valid config turns into: every key lands in its field of core's settings.

#include "config_test_support.hpp"

#include <doctest/doctest.h>

using namespace siren;
using namespace siren::config;
using namespace siren::config::testing;
using namespace std::chrono_literals;

TEST_CASE("config: the example config loads with zero problems") {
    const auto l = load_file(SIREN_CONFIG_EXAMPLE, env_of({}), no_files);
    REQUIRE_MESSAGE(l.ok(), all(l));
    const settings& s = l.values;

    CHECK(s.workspace.time_zone == "Europe/Berlin");
    CHECK(s.people.size() == 7);
    CHECK(s.find_person("carol")->time_zone == "America/New_York");

    REQUIRE(s.severities.size() == 5);
    CHECK(s.find_severity("P1") == severity::s1);
    CHECK(s.find_severity("p4") == severity::s4);
    CHECK(s.policy(severity::s0).aliases.empty());
    CHECK(s.policy(severity::s0).page == std::vector<std::string>{"eoc", "imoc"});
    CHECK(s.policy(severity::s1).update_every == 60min);
    CHECK(s.policy(severity::s1).status_page);
    CHECK(s.policy(severity::s2).page == std::vector<std::string>{"eoc"});
    CHECK(s.policy(severity::s3).page.empty());
    CHECK(s.policy(severity::s4).initial_status == public_status::operational);

    const auto* eoc = s.find_rotation("eoc");
    REQUIRE(eoc);
    CHECK(eoc->handover_day == std::chrono::Monday);
    CHECK(eoc->handover_time == 9h);
    CHECK(eoc->time_zone == "Europe/Berlin");
    CHECK(eoc->start == std::chrono::sys_days{2026y / 1 / 5});
    CHECK(eoc->length == std::chrono::days{7});
    for (const char* name : {"imoc", "cmoc", "security"})
        CHECK(s.find_rotation(name));

    const auto* policy = s.find_escalation("default");
    REQUIRE(policy);
    REQUIRE(policy->levels.size() == 3);
    CHECK(policy->levels[0].targets == std::vector<std::string>{"eoc"});
    CHECK(policy->levels[0].ack_timeout == 5min);
    CHECK(policy->levels[1].targets == std::vector<std::string>{"eoc:secondary"});
    CHECK(policy->levels[1].ack_timeout == 15min);
    CHECK(policy->levels[2].targets == std::vector<std::string>{"imoc"});
    CHECK(s.find_escalation("security"));

    for (const char* name : {"checkout", "orderbook", "payments"})
        CHECK_FALSE(s.find_service(name)->runbook.empty());
    CHECK(s.paging.provider == paging_provider::slack);
    CHECK(s.store.path == "siren.db");
    CHECK(s.duties(role::ic).size() > 0);
}

TEST_CASE("config: the defaults are core's") {
    const auto l = load(quiet_severities);
    REQUIRE_MESSAGE(l.ok(), all(l));
    const settings defaults;
    const settings& s = l.values;
    CHECK(s.workspace.name == defaults.workspace.name);
    CHECK(s.workspace.announce_channel == "production");
    CHECK(s.workspace.channel_prefix == "incident-");
    CHECK(s.workspace.default_severity == severity::s2);
    CHECK(s.workspace.duplicate_window == 30min);
    CHECK(s.policy(severity::s0).initial_status == public_status::degraded_performance);
    CHECK(s.policy(severity::s0).update_every == 0min);
    CHECK_FALSE(s.policy(severity::s0).announce);
    CHECK(s.slack.mode == slack_mode::socket);
    CHECK(s.slack.api_base_url == "https://slack.com/api/");
    CHECK(s.http.listen == "127.0.0.1:8080");
    CHECK(s.log.level == "info");
    CHECK(s.roles.empty());
}

TEST_CASE("config: every key lands in its field") {
    const auto l = load(R"(workspace:
  name: acme
  announce_channel: incidents
  channel_prefix: inc_
  channel_date_format: "%y%j"
  time_zone: America/New_York
  default_severity: sev3
  duplicate_window: 1h30m
severities:
  S0: {page: [eoc, imoc], escalation: urgent, announce: yes, status_page: on, update_every: 15m,
       initial_status: outage, description: Everything is down}
  S1: {page: [eoc], aliases: [sev1, P1]}
  S2: {page: [], update_every: "0"}
  S3: {page: [], aliases: [sev3]}
  S4: {page: []}
roles:
  ic: {duties: Lead.}
  em: {duties: Shield.}
people:
  - {handle: alice, name: Alice, slack_id: U0ALICE, email: alice@example.com,
     time_zone: Europe/Berlin}
  - {handle: bob.b, slack_id: W0BOB}
rotations:
  - name: eoc
    description: Engineer On Call
    members: [alice, bob.b]
    secondary: [bob.b]
    length: 2w
    handover: {weekday: Friday, time: "17:30"}
    time_zone: America/New_York
    start: "2026-01-02"
    slack_usergroup: S0EOC
    channel: eoc-handover
  - {name: imoc, source: pagerduty, external_id: PXXXXXX}
escalations:
  - name: urgent
    levels:
      - {targets: [eoc, "@alice"], after: 2m}
      - {targets: ["eoc:secondary", imoc]}
    repeat: 2
services:
  - name: checkout
    description: Checkout
    runbook: https://runbooks.example.com/checkout
    links: {Dashboard: "https://grafana.example.com/d/1"}
  - {name: search, rotation: imoc}
paging:
  provider: pagerduty
  pagerduty: {events_api_url: "http://127.0.0.1:9001/v2/enqueue",
              rest_api_url: "http://127.0.0.1:9001"}
  opsgenie: {api_url: "http://127.0.0.1:9002"}
slack: {mode: http, api_base_url: "http://127.0.0.1:9000/api", ca_file: /etc/ssl/test.pem}
store: {path: /var/lib/siren/siren.db}
http: {listen: "0.0.0.0:9090"}
log: {format: json, level: debug}
)");
    REQUIRE_MESSAGE(l.ok(), all(l));
    const settings& s = l.values;

    CHECK(s.workspace.name == "acme");
    CHECK(s.workspace.announce_channel == "incidents");
    CHECK(s.workspace.channel_prefix == "inc_");
    CHECK(s.workspace.channel_date_format == "%y%j");
    CHECK(s.workspace.time_zone == "America/New_York");
    CHECK(s.workspace.default_severity == severity::s3);
    CHECK(s.workspace.duplicate_window == 90min);

    const auto& s0 = s.policy(severity::s0);
    CHECK(s0.description == "Everything is down");
    CHECK(s0.escalation == "urgent");
    CHECK(s0.announce);
    CHECK(s0.status_page);
    CHECK(s0.update_every == 15min);
    CHECK(s0.initial_status == public_status::service_disruption);
    CHECK(s.find_severity("SEV1") == severity::s1);
    CHECK(s.policy(severity::s2).update_every == 0min);
    CHECK(s.duties(role::ic) == "Lead.");
    CHECK(s.duties(role::em) == "Shield.");
    CHECK(s.duties(role::tl).empty());

    REQUIRE(s.people.size() == 2);
    CHECK(s.people[0].name == "Alice");
    CHECK(s.people[0].slack_id == "U0ALICE");
    CHECK(s.people[0].email == "alice@example.com");
    CHECK(s.people[0].time_zone == "Europe/Berlin");
    CHECK(s.find_person("W0BOB")->handle == "bob.b");

    const auto& eoc = *s.find_rotation("eoc");
    CHECK(eoc.description == "Engineer On Call");
    CHECK(eoc.members == std::vector<std::string>{"alice", "bob.b"});
    CHECK(eoc.secondary == std::vector<std::string>{"bob.b"});
    CHECK(eoc.length == std::chrono::days{14});
    CHECK(eoc.handover_day == std::chrono::Friday);
    CHECK(eoc.handover_time == 17h + 30min);
    CHECK(eoc.start == std::chrono::sys_days{2026y / 1 / 2});
    CHECK(eoc.slack_usergroup == "S0EOC");
    CHECK(eoc.channel == "eoc-handover");
    const auto& imoc = *s.find_rotation("imoc");
    CHECK(imoc.source == schedule_source::pagerduty);
    CHECK(imoc.external_id == "PXXXXXX");
    CHECK(imoc.time_zone == "UTC");

    const auto& urgent = *s.find_escalation("urgent");
    REQUIRE(urgent.levels.size() == 2);
    CHECK(urgent.levels[0].targets == std::vector<std::string>{"eoc", "@alice"});
    CHECK(urgent.levels[0].ack_timeout == 2min);
    CHECK(urgent.levels[1].ack_timeout == 5min);
    CHECK(urgent.repeat == 2);

    CHECK(s.find_service("checkout")->rotation.empty()); // "eoc" by default
    CHECK(s.find_service("checkout")->links.at("Dashboard") == "https://grafana.example.com/d/1");
    CHECK(s.find_service("search")->rotation == "imoc");

    CHECK(s.paging.provider == paging_provider::pagerduty);
    CHECK(s.paging.pagerduty.events_api_url == "http://127.0.0.1:9001/v2/enqueue");
    CHECK(s.paging.pagerduty.rest_api_url == "http://127.0.0.1:9001");
    CHECK(s.paging.opsgenie.api_url == "http://127.0.0.1:9002");
    CHECK(s.slack.mode == slack_mode::http);
    CHECK(s.slack.api_base_url == "http://127.0.0.1:9000/api/");
    CHECK(s.slack.ca_file == "/etc/ssl/test.pem");
    CHECK(s.store.path == "/var/lib/siren/siren.db");
    CHECK(s.http.listen == "0.0.0.0:9090");
    CHECK(s.log.format == log_format::json);
    CHECK(s.log.level == "debug");
}

TEST_CASE("config: null sections and keys mean the defaults") {
    const auto l = load_with_severities("workspace:\npaging:\nslack:\n  mode:\nlog: ~\n");
    CHECK_MESSAGE(l.ok(), all(l));
    CHECK(l.values.slack.mode == slack_mode::socket);
}

TEST_CASE("config: an unreadable config file is one problem") {
    const auto l = load_file("/nonexistent/siren.yaml", env_of({}), no_files);
    REQUIRE(l.problems.size() == 1);
    CHECK(to_string(l.problems[0]) ==
          "/nonexistent/siren.yaml: cannot read the file: No such file or directory");
}
