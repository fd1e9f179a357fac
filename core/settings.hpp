#pragma once
// siren's configuration as plain structs with their defaults. config/ fills them from the YAML
// file and validates them; everything else reads them. Defaults here are the documented ones
// (config/siren.example.yaml).

#include "public_status.hpp"
#include "role.hpp"
#include "severity.hpp"
#include "time.hpp"

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace siren {

// A secret's value and where it came from ("env SLACK_BOT_TOKEN", "file /run/secrets/x"), so
// that errors and logs can name the source without ever showing the value.
struct secret {
    std::string value;
    std::string source;
    bool empty() const { return value.empty(); }
};

struct workspace_settings {
    std::string name = "siren";
    std::string announce_channel = "production"; // without '#'
    std::string channel_prefix = "incident-";
    std::string channel_date_format = "%Y%m%d";
    std::string time_zone = "UTC"; // for channel dates and times shown when a user's is unknown
    severity default_severity = severity::s2;
    minutes duplicate_window{30};    // a declare for the same service within it warns
    seconds archive_after{days{14}}; // a closed incident's channel is archived then; 0: never
};

struct severity_policy {
    severity level = severity::s2;
    std::vector<std::string> aliases; // e.g. "P1"
    std::string description;
    std::vector<std::string> page;  // rotations paged on declare, e.g. {"eoc"}
    std::string escalation;         // escalation policy name; empty: no escalation
    bool announce = false;          // post in the announcement channel
    bool status_page = false;       // show on the public status page
    minutes update_every{0};        // update cadence; 0: none expected
    minutes public_update_every{0}; // public (status page) update cadence; 0: none expected
    // Roles that should be filled within this long of the declaration; the channel is nudged
    // until they are.
    std::map<role, minutes> fill_roles{};
    public_status initial_status = public_status::degraded_performance;
    // The meeting bridge (Zoom, Meet, any URL) of its incidents: in the intro and bookmarked in
    // the channel. Empty: none.
    std::string bridge{};
};

struct role_settings {
    role which = role::ic;
    std::string duties; // told privately to whoever is assigned the role
};

struct person {
    std::string handle{};   // how config refers to them: "alice"
    std::string name{};     // "Alice Example"
    std::string slack_id{}; // "U024BE7LH"; empty in a shell-only setup
    std::string email{};
    std::string time_zone{}; // IANA, e.g. "Europe/Berlin"; empty: the workspace's
};

enum class schedule_source { siren, pagerduty, opsgenie };

// When a rotation layer is active: on the local `weekdays` (bit d set for std::chrono::weekday{d},
// Sunday = 0) from the local time `from` until `until`, both in the rotation's time_zone. A window
// belongs to the day it begins on: until <= from crosses midnight into the next day, and
// until == from spans 24 hours.
struct rotation_restriction {
    unsigned weekdays = 0x7f; // every day
    minutes from{0};
    minutes until{0};

    friend bool operator==(const rotation_restriction&, const rotation_restriction&) = default;
};

// A layer over a rotation's primary track, with a schedule of its own laid out like the
// rotation's (config fills what is left out with the rotation's values; the zone is always the
// rotation's). Where it is active and staffed it overrides the layers before it; see
// docs/rotations.md.
struct rotation_layer {
    std::string name{};
    std::vector<std::string> members{}; // handles, in rotation order
    days length{7};
    std::chrono::weekday handover_day = std::chrono::Monday;
    minutes handover_time{9 * 60};
    std::chrono::sys_days start{};
    std::optional<rotation_restriction> restriction{}; // nullopt: always active
};

struct rotation_settings {
    std::string name;                   // "eoc"
    std::string description;            // "Engineer On Call"
    std::vector<std::string> members;   // handles, in rotation order (primary track)
    std::vector<std::string> secondary; // handles of the secondary track; empty: none
    days length{7};
    std::chrono::weekday handover_day = std::chrono::Monday;
    minutes handover_time{9 * 60}; // local time of day in time_zone
    std::string time_zone = "UTC";
    std::chrono::sys_days start{}; // a hand-over date at which members[0] begins
    schedule_source source = schedule_source::siren;
    std::string external_id;              // PagerDuty schedule id or Opsgenie schedule name
    std::string slack_usergroup;          // "S0614TZR7" kept equal to whoever is on call
    std::string channel;                  // where hand-over notes go; empty: none
    std::vector<rotation_layer> layers{}; // over the primary track, lowest first; siren only
};

struct escalation_level {
    std::vector<std::string> targets; // "eoc" (primary), "eoc:secondary", or "@handle"
    seconds ack_timeout{minutes{5}};
};

struct escalation_policy {
    std::string name;
    std::vector<escalation_level> levels;
    int repeat = 0; // times the whole policy is repeated after the last level
    // An incident still declared or investigating this long after the EOC acknowledged pages
    // investigating_target. 0: never.
    seconds investigating_limit{0};
    std::string investigating_target = "imoc";
};

struct service_settings {
    std::string name; // "checkout"
    std::string description;
    std::string runbook;                      // URL
    std::string rotation;                     // the rotation owning it; empty: "eoc"
    std::map<std::string, std::string> links; // title → URL (dashboards, logs)
};

enum class paging_provider { slack, pagerduty, opsgenie, splunk_oncall };

struct pagerduty_settings {
    std::string events_api_url = "https://events.pagerduty.com/v2/enqueue";
    std::string rest_api_url = "https://api.pagerduty.com";
    secret routing_key;     // PAGERDUTY_ROUTING_KEY
    secret api_token;       // PAGERDUTY_API_TOKEN
    secret webhook_secret;  // PAGERDUTY_WEBHOOK_SECRET: verifies webhook v3 signatures
    std::string from_email; // the PagerDuty user REST changes are made as (the From header)
};

struct opsgenie_settings {
    std::string api_url = "https://api.opsgenie.com";
    secret api_key;        // OPSGENIE_API_KEY
    secret callback_token; // OPSGENIE_CALLBACK_TOKEN: the header the webhook integration sends
};

// Splunk On-Call (VictorOps) REST endpoint integration (docs/integrations.md).
struct splunk_oncall_settings {
    // SPLUNK_ONCALL_REST_URL: the endpoint URL up to the routing key,
    // https://alert.victorops.com/integrations/generic/20131114/alert/<api key>. It holds the API
    // key, so it is a secret.
    secret rest_url;
    std::string routing_key;                           // for rotations routing_keys does not name
    std::map<std::string, std::string> routing_keys{}; // rotation → routing key
};

struct paging_settings {
    paging_provider provider = paging_provider::slack;
    // A page the provider has not taken for this long goes out as a Slack DM instead.
    seconds fallback_after{minutes{2}};
    pagerduty_settings pagerduty;
    opsgenie_settings opsgenie;
    splunk_oncall_settings splunk_oncall;
};

// Where incidents are recorded besides siren (docs/integrations.md#gitlab-and-jira-issues).
enum class tracker_kind { none, gitlab, jira };

struct tracker_settings {
    tracker_kind kind = tracker_kind::none;
    std::string base_url;                 // "https://gitlab.com", "https://example.atlassian.net"
    std::string project;                  // GitLab: "group/project" or its id; Jira: a key, "OPS"
    std::string issue_type = "Task";      // Jira: the type of the issues siren creates
    std::string done_transition = "Done"; // Jira: the transition (or status) that closes one
    secret token;                         // GITLAB_TOKEN or JIRA_API_TOKEN
    std::string email;                    // Jira: the account the token belongs to (JIRA_EMAIL)
};

// A hosted status page siren mirrors its own to (docs/integrations.md#hosted-status-page).
enum class status_host_kind { none, statuspage, statusio };

struct status_mirror_settings {
    status_host_kind kind = status_host_kind::none;
    std::string base_url = "https://api.statuspage.io"; // status.io: https://api.status.io/v2
    std::string page_id; // Statuspage's page id; status.io's statuspage_id
    std::map<std::string, std::string> components{}; // siren service → the host's component id
    // status.io only: siren service → the container (location) of its component that is affected
    std::map<std::string, std::string> containers{};
    secret api_key; // STATUSPAGE_API_KEY; status.io: STATUSIO_API_KEY
    secret api_id;  // status.io only: STATUSIO_API_ID
};

enum class slack_mode { socket, http };

struct slack_settings {
    slack_mode mode = slack_mode::socket;
    std::string api_base_url = "https://slack.com/api/";
    std::string ca_file;   // extra CA bundle for outbound TLS; empty: the system's
    secret bot_token;      // SLACK_BOT_TOKEN
    secret app_token;      // SLACK_APP_TOKEN (Socket Mode)
    secret signing_secret; // SLACK_SIGNING_SECRET (HTTP mode)
    // The reaction (Slack's name, without colons) that copies a message of an incident's channel
    // into its timeline; empty: reactions copy nothing.
    std::string timeline_reaction = "pushpin";
};

struct store_settings {
    std::string path = "siren.db";
};

// Reviews (postmortems) after an incident is resolved (docs/reviews.md).
struct review_settings {
    seconds provisional_after{hours{24}}; // the provisional review is due this long after
    seconds full_after{days{7}};          // the full review is due this long after
    seconds remind_before{hours{2}};      // the owner is reminded this long before each
    std::string directory = "reviews";    // drafts are written here; relative: to store.path's
                                          // directory; empty: not written
};

// On-call pay (docs/oncall.md#pay): money in whole cents of `currency`.
struct pay_settings {
    std::string currency = "EUR";
    std::int64_t weekly_fee_cents = 0;  // per week (7 × 24 h) of primary shift, prorated
    std::int64_t hourly_rate_cents = 0; // per hour in reviewed incidents, engaged → resolved
    std::vector<std::string> rotations{"eoc"}; // whose primary shifts earn the weekly fee
};

struct http_settings {
    std::string listen = "127.0.0.1:8080";
};

// What an alert from Alertmanager does (docs/operations.md#alerts-from-alertmanager).
enum class alert_action {
    declare, // declare an incident (one per alert group), or attach to the service's open one
    attach,  // note it on the open incident of its service; without one, the route's fallback
    page,    // page the on-call of a rotation, no incident
    ignore,  // record it, nothing else
};

// One routing rule. An alert matches when every `match` label equals its value and every
// `match_re` label matches its pattern (ECMAScript, anchored at both ends); a rule with neither
// matches every alert.
struct alert_route {
    std::map<std::string, std::string> match{};
    std::map<std::string, std::string> match_re{};
    alert_action action = alert_action::page;
    std::optional<severity> level{}; // of a declared incident or a page; none: the workspace's
    std::string rotation{};          // paged (and commanding a declared incident); empty: the
                                     // service's rotation, else eoc
    alert_action fallback = alert_action::page; // attach without an open incident: page, declare
                                                // or ignore
};

struct alert_settings {
    secret token; // SIREN_ALERTMANAGER_TOKEN: the bearer token Alertmanager sends; empty: none
    std::string service_label = "service"; // the label naming a configured service
    std::vector<alert_route> routes;       // the first that matches wins; none: intake off
};

// Another system's webhook, POST /webhooks/intake/<name> (docs/integrations.md#intake-webhooks).
enum class intake_preset {
    generic,   // siren's own JSON: title, severity, description, link, dedup_key
    hackerone, // HackerOne report webhooks: a triaged report
    intercom,  // Intercom conversations tagged with `tag`
};

enum class intake_action {
    report,  // like /incident report: the engineer on call is paged and decides
    declare, // an incident, declared by siren, with the on-call of its rotation commanding it
};

struct intake_source {
    std::string name{};      // the last part of the path
    secret token{};          // SIREN_INTAKE_<NAME>_TOKEN: "Authorization: Bearer <token>"
    secret signing_secret{}; // SIREN_INTAKE_<NAME>_SECRET: HackerOne's or Intercom's signature key
    intake_preset preset = intake_preset::generic;
    intake_action action = intake_action::report;
    std::optional<severity> level{}; // when the payload names none; none: the workspace's
    std::string service{};           // one of `services`; empty: none
    bool security = false;           // `private`: a security incident (private channel)
    std::string tag = "bug";         // intercom: the tag that makes a conversation a report
};

struct intake_settings {
    std::vector<intake_source> sources{};

    const intake_source* find(std::string_view name) const {
        for (const auto& s : sources)
            if (s.name == name)
                return &s;
        return nullptr;
    }
};

// A dead man's switch (Healthchecks.io and the like) siren pings while it is healthy
// (docs/integrations.md#heartbeat).
struct heartbeat_settings {
    secret url;                        // SIREN_HEARTBEAT_URL; empty: no heartbeat
    seconds every{minutes{1}};         // between pings
    seconds stalled_after{minutes{5}}; // an effect pending this long makes siren unhealthy
};

enum class log_format { human, json };

struct log_settings {
    log_format format = log_format::human;
    std::string level = "info"; // trace, debug, info, warn, error
};

struct settings {
    workspace_settings workspace;
    std::vector<severity_policy> severities; // exactly one per severity once validated
    std::vector<role_settings> roles;        // duties per role; missing roles have none
    std::vector<person> people;
    std::vector<rotation_settings> rotations;
    std::vector<escalation_policy> escalations;
    std::vector<service_settings> services;
    paging_settings paging;
    slack_settings slack;
    store_settings store;
    review_settings reviews;
    pay_settings pay;
    http_settings http;
    log_settings log;
    heartbeat_settings heartbeat;
    alert_settings alerts;
    intake_settings intake;
    tracker_settings tracker;
    status_mirror_settings status_mirror;

    // The policy of a severity; a default-constructed one if the config has none (validation
    // guarantees it has).
    const severity_policy& policy(severity s) const;
    // "S1", "s1", or an alias such as "P2".
    std::optional<severity> find_severity(std::string_view text) const;
    const service_settings* find_service(std::string_view name) const;
    const rotation_settings* find_rotation(std::string_view name) const;
    const escalation_policy* find_escalation(std::string_view name) const;
    const person* find_person(std::string_view handle_or_slack_id) const;
    std::string_view duties(role r) const; // empty when none configured
};

} // namespace siren
