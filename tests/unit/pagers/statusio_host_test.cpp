#include "adapters/status_hosts/statusio_host.hpp"
#include "tests/unit/slack/fake_http_client.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

using namespace siren;
using namespace siren::status_hosts;
using nlohmann::json;
using siren::testing::fake_http_client;
using siren::testing::run;

namespace {

constexpr std::string_view id = "sio-api-1d";
constexpr std::string_view key = "sio-s3cr3t-k3y";
const std::string create = "/v2/incident/create";
const std::string update = "/v2/incident/update";
const std::string resolve = "/v2/incident/resolve";
const std::string list = "/v2/incident/list/pg1";
constexpr std::string_view ok_created =
    R"({"status":{"error":"no","message":"OK"},"result":"5a1b2c3d4e5f"})";
constexpr std::string_view ok_changed = R"({"status":{"error":"no","message":"OK"},"result":true})";

status_mirror_settings settings_for_test() {
    status_mirror_settings s;
    s.kind = status_host_kind::statusio;
    s.base_url = "http://127.0.0.1:9400/v2";
    s.page_id = "pg1";
    s.components = {{"checkout", "cmp1"}};
    s.containers = {{"checkout", "ctr1"}};
    s.api_id = {.value = std::string(id), .source = "env STATUSIO_API_ID"};
    s.api_key = {.value = std::string(key), .source = "env STATUSIO_API_KEY"};
    return s;
}

adapters::hosted_incident checkout_down() {
    return {.name = "Checkout returns 500",
            .service = "checkout",
            .current = stage::declared,
            .status = public_status::partial_service_disruption};
}

struct fixture {
    fake_http_client http;
    statusio_host host{http, settings_for_test()};

    json last_body() const { return json::parse(http.requests.back().request.body); }

    adapters::failure create_failure() {
        auto answer = run(host.create_incident(checkout_down()));
        REQUIRE_FALSE(answer.has_value());
        CHECK(answer.error().message.find(key) == std::string::npos);
        CHECK(answer.error().message.find(id) == std::string::npos);
        return answer.error();
    }
};

} // namespace

TEST_SUITE_BEGIN("statusio");

TEST_CASE("statusio: public statuses become status codes while open, operational after") {
    using enum public_status;
    CHECK(statusio_status(stage::declared, operational) == 100);
    CHECK(statusio_status(stage::identified, degraded_performance) == 300);
    CHECK(statusio_status(stage::monitoring, partial_service_disruption) == 400);
    CHECK(statusio_status(stage::investigating, service_disruption) == 500);
    CHECK(statusio_status(stage::investigating, security_issue) == 600);
    CHECK(statusio_status(stage::resolved, service_disruption) == 100);
    CHECK(statusio_status(stage::closed, partial_service_disruption) == 100);
}

TEST_CASE("statusio: stages become state codes") {
    CHECK(statusio_state(stage::declared) == 100);
    CHECK(statusio_state(stage::investigating) == 100);
    CHECK(statusio_state(stage::identified) == 200);
    CHECK(statusio_state(stage::monitoring) == 300);
    CHECK(statusio_state(stage::resolved) == 300);
    CHECK(statusio_state(stage::closed) == 300);
}

TEST_CASE("statusio: every message has details, the public update or a line from the stage") {
    auto i = checkout_down();
    CHECK(statusio_details(i) == "Investigating: partial service disruption.");
    i.current = stage::identified;
    i.status = public_status::service_disruption;
    CHECK(statusio_details(i) == "Identified: service disruption.");
    i.current = stage::closed;
    CHECK(statusio_details(i) == "Resolved.");
    i.body = "Fixed: a bad deploy was rolled back.";
    CHECK(statusio_details(i) == "Fixed: a bad deploy was rolled back.");
}

TEST_CASE("statusio: request bodies") {
    auto made = json::parse(statusio_request_body(checkout_down(), "pg1", "", "cmp1", "ctr1"));
    CHECK(made == json::parse(R"({"statuspage_id": "pg1", "incident_name": "Checkout returns 500",
        "incident_details": "Investigating: partial service disruption.",
        "infrastructure_affected": ["cmp1-ctr1"], "all_infrastructure_affected": "0",
        "current_status": 400, "current_state": 100, "message_subject": "Checkout returns 500",
        "notify_email": "1", "notify_sms": "1", "notify_webhook": "1", "social": "0",
        "irc": "0", "hipchat": "0", "slack": "0"})"));
    CHECK(json::parse(statusio_request_body(checkout_down(), "pg1", "", "",
                                            ""))["infrastructure_affected"] == json::array());

    auto done = checkout_down();
    done.current = stage::resolved;
    done.body = "Fixed.";
    auto resolved = json::parse(statusio_request_body(done, "pg1", "inc1", "cmp1", "ctr1"));
    CHECK(resolved == json::parse(R"({"statuspage_id": "pg1", "incident_id": "inc1",
        "incident_details": "Fixed.", "current_status": 100, "current_state": 300,
        "message_subject": "Checkout returns 500", "notify_email": "1", "notify_sms": "1",
        "notify_webhook": "1", "social": "0", "irc": "0", "hipchat": "0", "slack": "0"})"));
}

TEST_CASE("statusio: a create is authenticated by the id and key headers and answers the id") {
    fixture f;
    CHECK(f.host.kind() == "status.io");
    f.http.answer(create, 200, std::string(ok_created));
    auto made = run(f.host.create_incident(checkout_down()));
    REQUIRE(made.has_value());
    CHECK(*made == "5a1b2c3d4e5f");
    const auto& sent = f.http.requests[0];
    CHECK(sent.request.method == "POST");
    CHECK(sent.path() == create);
    CHECK(sent.header("x-api-id") == std::string(id));
    CHECK(sent.header("x-api-key") == std::string(key));
    CHECK_FALSE(sent.header("Authorization").has_value());
    CHECK(sent.header("Content-Type") == "application/json");
    CHECK(f.last_body()["infrastructure_affected"] == json::array({"cmp1-ctr1"}));
}

TEST_CASE("statusio: open stages update, resolved and closed resolve") {
    fixture f;
    f.http.answer(update, 200, std::string(ok_changed));
    auto wanted = checkout_down();
    wanted.service = "search"; // no component: nothing about infrastructure in an update anyway
    wanted.current = stage::monitoring;
    REQUIRE(run(f.host.update_incident("inc1", wanted)).has_value());
    CHECK(f.http.requests[0].path() == update);
    CHECK(f.last_body()["incident_id"] == "inc1");
    CHECK(f.last_body()["current_state"] == 300);
    CHECK_FALSE(f.last_body().contains("infrastructure_affected"));

    f.http.answer(resolve, 200, std::string(ok_changed));
    wanted.current = stage::closed;
    REQUIRE(run(f.host.update_incident("inc1", wanted)).has_value());
    CHECK(f.http.requests[1].path() == resolve);
    CHECK(f.last_body()["current_status"] == 100);
    CHECK(f.last_body()["incident_details"] == "Resolved.");
}

TEST_CASE("statusio: the active incidents of a name, oldest first") {
    fixture f;
    f.http.answer(list, 200, R"({"status":{"error":"no","message":"OK"},"result":{
        "active_incidents":[
          {"_id":"b","name":"Checkout returns 500","datetime_open":"2026-03-24T08:16:00.000Z"},
          {"_id":"c","name":"Search is slow","datetime_open":"2026-03-24T08:15:30.000Z"},
          {"_id":"a","name":"Checkout returns 500","datetime_open":"2026-03-24T08:15:00.000Z"}],
        "resolved_incidents":[
          {"_id":"z","name":"Checkout returns 500","datetime_open":"2026-03-20T08:15:00.000Z"}]}})");
    auto found = run(f.host.open_incidents_named("Checkout returns 500"));
    REQUIRE(found.has_value());
    CHECK(*found == std::vector<std::string>{"a", "b"});
    CHECK(f.http.requests[0].request.method == "GET");
    CHECK(f.http.requests[0].path() == list);

    f.http.answer(list, 200, R"({"status":{"error":"no","message":"OK"},"result":[]})");
    auto unreadable = run(f.host.open_incidents_named("x"));
    REQUIRE_FALSE(unreadable.has_value());
    CHECK(unreadable.error().retryable);
}

TEST_CASE("statusio: error yes is a permanent refusal, whatever the HTTP status") {
    fixture f;
    f.http.answer(create, 200,
                  R"({"status":{"error":"yes","message":"Invalid incident name"},"result":false})");
    auto why = f.create_failure();
    CHECK_FALSE(why.retryable);
    CHECK(why.message.find("Invalid incident name") != std::string::npos);
    CHECK(why.message.find("status.io create incident") != std::string::npos);

    f.http.answer(create, 400,
                  R"({"status":{"error":"yes","message":"Missing incident_details"}})");
    why = f.create_failure();
    CHECK_FALSE(why.retryable);
    CHECK(why.message.find("400") != std::string::npos);
    CHECK(why.message.find("Missing incident_details") != std::string::npos);

    f.http.answer(create, 200, R"({"status":{"error":"no","message":"OK"},"result":""})");
    CHECK(f.create_failure().message.find("names no id") != std::string::npos);
}

TEST_CASE("statusio: refusals are permanent and never show the id or the key") {
    fixture f;
    f.http.answer(create, 401, R"({"status":{"error":"yes","message":"Unauthorized"}})");
    auto why = f.create_failure();
    CHECK_FALSE(why.retryable);
    CHECK(why.message.find("401") != std::string::npos);
    CHECK(why.message.find("API id or key was refused") != std::string::npos);

    f.http.answer(create, 403,
                  R"({"status":{"error":"yes","message":"sio-api-1d / sio-s3cr3t-k3y may not"}})");
    why = f.create_failure();
    CHECK_FALSE(why.retryable);
    CHECK(why.message.find("[redacted] / [redacted]") != std::string::npos);

    f.http.answer(create, 404, "");
    CHECK(f.create_failure().message.find("no such status page") != std::string::npos);
}

TEST_CASE("statusio: rate limits wait as told; 5xx, odd and lost answers leave a create unsure") {
    fixture f;
    f.http.answer(create, 429, R"({"status":{"error":"yes","message":"Too many requests"}})",
                  {{"Retry-After", "5"}});
    auto why = f.create_failure();
    CHECK(why.retryable);
    CHECK(why.retry_after == seconds{5});
    CHECK_FALSE(why.outcome_unknown);

    f.http.answer(create, 502, "<html>bad gateway</html>");
    why = f.create_failure();
    CHECK(why.retryable);
    CHECK(why.outcome_unknown);

    f.http.answer(create, 200, "<html>a captive portal</html>");
    why = f.create_failure();
    CHECK(why.retryable);
    CHECK(why.outcome_unknown);

    f.http.fail(create, boost::asio::error::connection_refused);
    why = f.create_failure();
    CHECK(why.retryable);
    CHECK_FALSE(why.outcome_unknown);
}

TEST_CASE("statusio: without the API id or key nothing is sent") {
    fake_http_client http;
    auto s = settings_for_test();
    s.api_id = {};
    statusio_host host(http, s);
    auto answer = run(host.create_incident(checkout_down()));
    REQUIRE_FALSE(answer.has_value());
    CHECK_FALSE(answer.error().retryable);
    CHECK(answer.error().message.find("STATUSIO_API_ID") != std::string::npos);
    CHECK(http.requests.empty());
}

TEST_SUITE_END();
