#include "adapters/pagerduty/pagerduty_webhook.hpp"

#include <string>

#include <doctest/doctest.h>

using namespace siren;
using namespace siren::pagerduty;

namespace {

constexpr std::string_view secret = "whsec-siren-test-secret";

// An incident.acknowledged delivery in the documented shape (protocols.md §5.4), byte for byte
// what the signatures below were computed over (Python's hmac, independently of siren).
const std::string acknowledged_body =
    R"json({"event":{"id":"01BZ5MNQ7A3HKNX5OGWS7OGA1M","event_type":"incident.acknowledged",)json"
    R"json("resource_type":"incident","occurred_at":"2020-10-02T18:45:22.169Z",)json"
    R"json("agent":{"html_url":"https://acme.pagerduty.com/users/PLH1HKV","id":"PLH1HKV",)json"
    R"json("self":"https://api.pagerduty.com/users/PLH1HKV","summary":"Tenex Engineer",)json"
    R"json("type":"user_reference"},"client":{"name":"PagerDuty"},"data":{"id":"PGR0VU2",)json"
    R"json("type":"incident","self":"https://api.pagerduty.com/incidents/PGR0VU2",)json"
    R"json("html_url":"https://acme.pagerduty.com/incidents/PGR0VU2","number":2,)json"
    R"json("status":"acknowledged","incident_key":"siren-42-eoc",)json"
    R"json("created_at":"2020-10-02T18:40:10Z",)json"
    R"json("title":"Alice Example paged for eoc (S1): #42 S1 Checkout returns 500",)json"
    R"json("service":{"html_url":"https://acme.pagerduty.com/services/PF9KMXH",)json"
    R"json("id":"PF9KMXH","self":"https://api.pagerduty.com/services/PF9KMXH",)json"
    R"json("summary":"checkout","type":"service_reference"},)json"
    R"json("assignees":[{"html_url":"https://acme.pagerduty.com/users/PTUXL6G",)json"
    R"json("id":"PTUXL6G","self":"https://api.pagerduty.com/users/PTUXL6G",)json"
    R"json("summary":"Alice Example","type":"user_reference"}],)json"
    R"json("escalation_policy":{"html_url":"https://acme.pagerduty.com/escalation_policies/P)json"
    R"json(US0KTE","id":"PUS0KTE",)json"
    R"json("self":"https://api.pagerduty.com/escalation_policies/PUS0KTE",)json"
    R"json("summary":"Default","type":"escalation_policy_reference"},"teams":[],)json"
    R"json("priority":null,"urgency":"high","conference_bridge":null,)json"
    R"json("resolve_reason":null}}})json";
constexpr std::string_view right_v1 =
    "v1=7fcd2900b8b47edf68f96bbcd1f79009f24ec9dfe2c6ed90ef7b7e8c7be38baf";
// The same body signed with the secret before a rotation.
constexpr std::string_view old_v1 =
    "v1=19e11726276824e9422cfc16fe373ac9caa78a215a109125ceea348658376325";

std::string joined(std::string_view a, std::string_view b) {
    return std::string(a) + "," + std::string(b);
}

std::string refusal_of(std::string_view header, std::string_view body = acknowledged_body,
                       std::string_view key = secret) {
    auto checked = verify_pagerduty_signature(header, body, key);
    REQUIRE_FALSE(checked);
    CHECK(checked.error().find(secret) == std::string::npos);
    return checked.error();
}

} // namespace

TEST_SUITE_BEGIN("pagerduty");

TEST_CASE("pagerduty: a v1 signature of the raw body verifies") {
    CHECK(verify_pagerduty_signature(right_v1, acknowledged_body, secret));
    std::string upper(right_v1);
    for (std::size_t i = 3; i < upper.size(); ++i)
        if (upper[i] >= 'a' && upper[i] <= 'f')
            upper[i] = static_cast<char>(upper[i] - 'a' + 'A');
    CHECK(verify_pagerduty_signature(upper, acknowledged_body, secret));
}

TEST_CASE("pagerduty: during a secret rotation any of several v1 entries may match") {
    CHECK(verify_pagerduty_signature(joined(old_v1, right_v1), acknowledged_body, secret));
    CHECK(verify_pagerduty_signature(joined(right_v1, old_v1), acknowledged_body, secret));
    CHECK(verify_pagerduty_signature(std::string(old_v1) + ", " + std::string(right_v1),
                                     acknowledged_body, secret));
    // Entries of another version, or malformed ones, are passed over.
    CHECK(verify_pagerduty_signature("v2=abc,v1=xyz," + std::string(right_v1), acknowledged_body,
                                     secret));
    // The old secret's own entry verifies with the old secret.
    CHECK(verify_pagerduty_signature(joined(right_v1, old_v1), acknowledged_body, "old-secret"));
}

TEST_CASE("pagerduty: a wrong signature, a changed body or a malformed header is refused") {
    CHECK(refusal_of(old_v1).find("does not match") != std::string::npos);
    std::string changed = acknowledged_body;
    changed[changed.size() / 2] ^= 0x01;
    CHECK(refusal_of(right_v1, changed).find("does not match") != std::string::npos);
    CHECK(refusal_of(right_v1, acknowledged_body, "another-secret").find("does not match") !=
          std::string::npos);

    for (std::string_view header :
         {std::string_view(""), std::string_view("v1="), std::string_view(","),
          std::string_view("v0=7fcd2900b8b47edf68f96bbcd1f79009f24ec9dfe2c6ed90ef7b7e8c7be38baf"),
          std::string_view("7fcd2900b8b47edf68f96bbcd1f79009f24ec9dfe2c6ed90ef7b7e8c7be38baf"),
          std::string_view("v1=7fcd2900b8b47edf68f96bbcd1f79009f24ec9dfe2c6ed90ef7b7e8c7be38ba"),
          std::string_view("v1=7fcd2900b8b47edf68f96bbcd1f79009f24ec9dfe2c6ed90ef7b7e8c7be38bafa"),
          std::string_view(
              "v1=zfcd2900b8b47edf68f96bbcd1f79009f24ec9dfe2c6ed90ef7b7e8c7be38baf")}) {
        CAPTURE(header);
        CHECK(refusal_of(header).find("no v1= entry") != std::string::npos);
    }

    auto no_secret = verify_pagerduty_signature(right_v1, acknowledged_body, "");
    REQUIRE_FALSE(no_secret);
    CHECK(no_secret.error().find("no PagerDuty webhook secret") != std::string::npos);
}

TEST_CASE("pagerduty: the documented incident.acknowledged event is read") {
    auto event = parse_pagerduty_webhook(acknowledged_body);
    REQUIRE(event.has_value());
    CHECK(event->event_id == "01BZ5MNQ7A3HKNX5OGWS7OGA1M");
    CHECK(event->event_type == "incident.acknowledged");
    CHECK(event->resource_type == "incident");
    CHECK(event->incident_id == "PGR0VU2");
    CHECK(event->incident_status == "acknowledged");
    CHECK(event->agent_id == "PLH1HKV");
    CHECK(event->agent_name == "Tenex Engineer");
    CHECK(event->occurred_at == *parse_iso8601("2020-10-02T18:45:22Z"));
}

TEST_CASE("pagerduty: a resolve by PagerDuty itself, and events about other resources") {
    auto resolved = parse_pagerduty_webhook(
        R"({"event":{"id":"5ac64822","event_type":"incident.resolved","resource_type":"incident",)"
        R"("occurred_at":"2026-03-24T10:15:00+02:00","agent":null,"client":null,)"
        R"("data":{"id":"PT4KHLK","type":"incident","number":7,"status":"resolved"}}})");
    REQUIRE(resolved.has_value());
    CHECK(resolved->incident_id == "PT4KHLK");
    CHECK(resolved->incident_status == "resolved");
    CHECK(resolved->agent_id.empty());
    CHECK(resolved->agent_name.empty());
    CHECK(resolved->occurred_at == *parse_iso8601("2026-03-24T08:15:00Z"));

    auto ping = parse_pagerduty_webhook(
        R"({"event":{"id":"01C0A","event_type":"pagey.ping","resource_type":"pagey",)"
        R"("occurred_at":"2026-03-24T08:15:00Z","agent":null,"client":null,)"
        R"("data":{"message":"Hi"}}})");
    REQUIRE(ping.has_value());
    CHECK(ping->event_type == "pagey.ping");
    CHECK(ping->incident_id.empty());
}

TEST_CASE("pagerduty: a malformed webhook body says what is wrong") {
    auto reason = [](std::string_view body) {
        auto parsed = parse_pagerduty_webhook(body);
        REQUIRE_FALSE(parsed.has_value());
        return parsed.error();
    };
    CHECK(reason("").find("not a JSON object") != std::string::npos);
    CHECK(reason("[1,2]").find("not a JSON object") != std::string::npos);
    CHECK(reason(R"({"event":"x"})").find("no event object") != std::string::npos);
    CHECK(reason(R"({"event":{"event_type":"incident.resolved"}})").find("no id") !=
          std::string::npos);
    CHECK(reason(R"({"event":{"id":"e1"}})").find("no event_type") != std::string::npos);
    CHECK(reason(R"({"event":{"id":"e1","event_type":"incident.resolved"}})").find("occurred_at") !=
          std::string::npos);
    CHECK(reason(R"({"event":{"id":"e1","event_type":"incident.resolved",)"
                 R"("occurred_at":"yesterday"}})")
              .find("occurred_at") != std::string::npos);
    CHECK(reason(R"({"event":{"id":"e1","event_type":"incident.resolved","resource_type":)"
                 R"("incident","occurred_at":"2026-03-24T08:15:00Z","data":{"id":7}}})")
              .find("data.id") != std::string::npos);
}

TEST_SUITE_END();
