#include "adapters/alertmanager/alertmanager_webhook.hpp"

#include <string>

#include <doctest/doctest.h>

using namespace siren;
using namespace siren::alertmanager;

namespace {

// What Alertmanager 0.25.0 posted (protocols.md §7.1), byte for byte but for the line breaks.
const std::string captured =
    R"json({"receiver":"incident-bot","status":"firing","alerts":[)json"
    R"json({"status":"firing","labels":{"alertname":"HighErrorRate","instance":"10.0.0.1:9100",)json"
    R"json("service":"checkout","severity":"critical"},"annotations":{)json"
    R"json("runbook_url":"https://runbooks.example/checkout","summary":"Checkout 5xx > 5%"},)json"
    R"json("startsAt":"2026-11-24T04:06:31Z","endsAt":"0001-01-01T00:00:00Z",)json"
    R"json("generatorURL":"http://prometheus.local/graph?g0.expr=x",)json"
    R"json("fingerprint":"b27ebb78fdf033be"},)json"
    R"json({"status":"firing","labels":{"alertname":"HighErrorRate","instance":"10.0.0.2:9100",)json"
    R"json("service":"checkout","severity":"critical"},"annotations":{)json"
    R"json("summary":"Checkout 5xx > 5%"},"startsAt":"2026-11-24T04:06:31Z",)json"
    R"json("endsAt":"0001-01-01T00:00:00Z","generatorURL":"","fingerprint":"4d6490073453379d"}],)json"
    R"json("groupLabels":{"alertname":"HighErrorRate","service":"checkout"},)json"
    R"json("commonLabels":{"alertname":"HighErrorRate","service":"checkout","severity":"critical"},)json"
    R"json("commonAnnotations":{"summary":"Checkout 5xx > 5%"},)json"
    R"json("externalURL":"http://127.0.0.1:19093","version":"4",)json"
    R"json("groupKey":"{}:{alertname=\"HighErrorRate\", service=\"checkout\"}",)json"
    R"json("truncatedAlerts":0})json";

// One alert, its fields given as JSON member text ("\"status\":\"firing\"" ...), in a group.
std::string group_with(std::string alert_members, std::string group_members = "") {
    return R"({"version":"4","groupKey":"{}:{alertname=\"X\"}","status":"firing",)" +
           group_members + R"("alerts":[{)" + alert_members + "}]}";
}

const std::string ok_alert =
    R"("status":"firing","labels":{"alertname":"X"},"startsAt":"2026-11-24T04:10:16Z",)"
    R"("fingerprint":"4d6490073453379d")";

std::string refusal_of(std::string_view body) {
    auto parsed = parse_alertmanager_webhook(body);
    REQUIRE_FALSE(parsed.has_value());
    CHECK(parsed.error().starts_with("the Alertmanager payload "));
    return parsed.error();
}

bool says(const std::string& text, std::string_view part) {
    return text.find(part) != std::string::npos;
}

} // namespace

TEST_SUITE_BEGIN("alertmanager");

TEST_CASE("alertmanager: the real 0.25 capture reads as a group of two firing alerts") {
    auto group = parse_alertmanager_webhook(captured);
    REQUIRE_MESSAGE(group.has_value(), (group ? "" : group.error()));
    CHECK(group->receiver == "incident-bot");
    CHECK(group->status == alert_status::firing);
    CHECK(group->group_key == R"({}:{alertname="HighErrorRate", service="checkout"})");
    CHECK(group->group_labels.at("service") == "checkout");
    CHECK(group->common_labels.at("severity") == "critical");
    CHECK(group->common_annotations.at("summary") == "Checkout 5xx > 5%");
    CHECK(group->external_url == "http://127.0.0.1:19093");
    CHECK(group->truncated_alerts == 0);
    REQUIRE(group->alerts.size() == 2);
    const alert& first = group->alerts[0];
    CHECK(first.status == alert_status::firing);
    CHECK(first.fingerprint == "b27ebb78fdf033be");
    CHECK(first.labels.at("instance") == "10.0.0.1:9100");
    CHECK(first.annotations.at("runbook_url") == "https://runbooks.example/checkout");
    CHECK(to_iso8601(first.starts_at) == "2026-11-24T04:06:31Z");
    CHECK_FALSE(first.ends_at); // Go's zero time: still firing
    CHECK(first.generator_url == "http://prometheus.local/graph?g0.expr=x");
    CHECK(group->alerts[1].generator_url.empty());
}

TEST_CASE("alertmanager: nanosecond starts, resolved ends and unknown fields are read") {
    auto group = parse_alertmanager_webhook(group_with(
        R"("status":"resolved","labels":{"alertname":"X"},"annotations":{},)"
        R"("startsAt":"2026-11-24T04:10:16.344814226Z","endsAt":"2026-11-24T04:12:00.5Z",)"
        R"("fingerprint":"ABCdef0123456789","silencedBy":[],"newField":{"a":1})",
        R"("truncatedAlerts":3,"future":true,"receiver":null,)"));
    REQUIRE_MESSAGE(group.has_value(), (group ? "" : group.error()));
    CHECK(group->truncated_alerts == 3);
    REQUIRE(group->alerts.size() == 1);
    CHECK(group->alerts[0].status == alert_status::resolved);
    CHECK(to_iso8601(group->alerts[0].starts_at) == "2026-11-24T04:10:16Z");
    REQUIRE(group->alerts[0].ends_at);
    CHECK(to_iso8601(*group->alerts[0].ends_at) == "2026-11-24T04:12:00Z");
    CHECK(group->alerts[0].annotations.empty());
}

TEST_CASE("alertmanager: a group without alerts is a group with nothing to do") {
    auto group = parse_alertmanager_webhook(
        R"({"version":"4","groupKey":"{}:{}","status":"resolved","alerts":[]})");
    REQUIRE(group.has_value());
    CHECK(group->alerts.empty());
}

TEST_CASE("alertmanager: bad payloads are refused with the reason") {
    CHECK(says(refusal_of(""), "is not a JSON object"));
    CHECK(says(refusal_of("[1,2]"), "is not a JSON object"));
    CHECK(says(refusal_of("{\"version\":\"4\""), "is not a JSON object"));
    CHECK(says(refusal_of(R"({"groupKey":"k","status":"firing","alerts":[]})"), "has no version"));
    CHECK(says(refusal_of(R"({"version":"3","groupKey":"k","status":"firing","alerts":[]})"),
               "is version `3`; siren reads version 4"));
    CHECK(says(refusal_of(R"({"version":4,"groupKey":"k","status":"firing","alerts":[]})"),
               "version is a number, not a string"));
    CHECK(says(refusal_of(R"({"version":"4","status":"firing","alerts":[]})"), "has no groupKey"));
    CHECK(says(refusal_of(R"({"version":"4","groupKey":"k","alerts":[]})"), "has no status"));
    CHECK(says(refusal_of(R"({"version":"4","groupKey":"k","status":"burning","alerts":[]})"),
               "status is `burning`, not firing or resolved"));
    CHECK(says(refusal_of(R"({"version":"4","groupKey":"k","status":"firing"})"), "has no alerts"));
    CHECK(says(refusal_of(R"({"version":"4","groupKey":"k","status":"firing","alerts":{}})"),
               "alerts is an object, not a list"));
    CHECK(says(refusal_of(group_with(ok_alert, R"("commonLabels":{"a":1},)")),
               "commonLabels.a is a number, not a string"));
    CHECK(says(refusal_of(group_with(ok_alert, R"("truncatedAlerts":-1,)")),
               "truncatedAlerts is not a whole number"));
}

TEST_CASE("alertmanager: an alert must say what it is, and when") {
    const std::string labels = R"("labels":{"alertname":"X"},)";
    const std::string starts = R"("startsAt":"2026-11-24T04:10:16Z",)";
    CHECK(says(
        refusal_of(group_with(R"("status":"firing",)" + labels + starts + R"("generatorURL":"")")),
        "has no alerts[0].fingerprint"));
    CHECK(says(
        refusal_of(group_with(R"("status":"firing",)" + labels + starts + R"("fingerprint":"")")),
        "alerts[0].fingerprint is not 1 to 64 hexadecimal digits"));
    CHECK(says(refusal_of(group_with(R"("status":"firing",)" + labels + starts +
                                     R"("fingerprint":"../../etc")")),
               "alerts[0].fingerprint is not 1 to 64 hexadecimal digits"));
    CHECK(says(
        refusal_of(group_with(R"("status":"firing",)" + labels + starts + R"("fingerprint":7)")),
        "alerts[0].fingerprint is a number, not a string"));
    CHECK(says(refusal_of(group_with(R"("status":"firing",)" + starts + R"("fingerprint":"ab")")),
               "has no alerts[0].labels"));
    CHECK(says(refusal_of(group_with(R"("status":"firing","labels":{"severity":["a"]},)" + starts +
                                     R"("fingerprint":"ab")")),
               "alerts[0].labels.severity is a list, not a string"));
    CHECK(says(refusal_of(group_with(R"("status":"firing",)" + labels + R"("fingerprint":"ab")")),
               "has no alerts[0].startsAt"));
    CHECK(says(refusal_of(group_with(R"("status":"firing",)" + labels +
                                     R"("startsAt":"yesterday","fingerprint":"ab")")),
               "alerts[0].startsAt is `yesterday`, not an RFC 3339 time"));
    CHECK(says(refusal_of(group_with(labels + starts + R"("fingerprint":"ab")")),
               "has no alerts[0].status"));
    CHECK(says(refusal_of(R"({"version":"4","groupKey":"k","status":"firing","alerts":[1]})"),
               "alerts[0] is a number, not an object"));
}

TEST_CASE("alertmanager: a payload over 1 MiB is refused before it is read") {
    std::string huge =
        group_with(ok_alert, R"("pad":")" + std::string(max_payload_bytes, 'x') + R"(",)");
    CHECK(says(refusal_of(huge), "is larger than 1 MiB"));
}

TEST_CASE("alertmanager: the bearer token is checked, never echoed") {
    constexpr std::string_view token = "am-token-for-tests";
    CHECK(verify_alertmanager_token("Bearer am-token-for-tests", token));
    CHECK(verify_alertmanager_token("bearer am-token-for-tests", token));
    for (std::string_view wrong :
         {"Bearer am-token-for-test", "Bearer am-token-for-tests ", "Basic am-token-for-tests",
          "am-token-for-tests", "", "Bearer "}) {
        auto checked = verify_alertmanager_token(wrong, token);
        REQUIRE_FALSE(checked);
        CHECK_FALSE(says(checked.error(), token));
    }
    CHECK(says(verify_alertmanager_token("Bearer x", "").error(), "no Alertmanager token"));
}

TEST_CASE("alertmanager: a delivery is named by what it says") {
    auto group = parse_alertmanager_webhook(captured);
    REQUIRE(group.has_value());
    std::string id = delivery_id(*group);
    CHECK(id.starts_with("alertmanager/"));
    CHECK(id.size() == std::string_view("alertmanager/").size() + 64);

    alert_group same = *group;
    std::swap(same.alerts[0], same.alerts[1]);
    same.common_annotations.clear(); // not part of what identifies a delivery
    CHECK(delivery_id(same) == id);

    alert_group resolved = *group;
    resolved.alerts[0].status = alert_status::resolved;
    CHECK(delivery_id(resolved) != id);
    alert_group restarted = *group;
    restarted.alerts[1].starts_at += seconds(60);
    CHECK(delivery_id(restarted) != id);
    alert_group other_group = *group;
    other_group.group_key += "x";
    CHECK(delivery_id(other_group) != id);
}

TEST_SUITE_END();
