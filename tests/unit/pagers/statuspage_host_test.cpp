#include "adapters/status_hosts/statuspage_host.hpp"
#include "tests/unit/slack/fake_http_client.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

using namespace siren;
using namespace siren::status_hosts;
using nlohmann::json;
using siren::testing::fake_http_client;
using siren::testing::run;

namespace {

constexpr std::string_view key = "sp-s3cr3t-k3y";
const std::string incidents = "/v1/pages/pg1/incidents";

status_mirror_settings settings_for_test() {
    status_mirror_settings s;
    s.kind = status_host_kind::statuspage;
    s.base_url = "http://127.0.0.1:9400";
    s.page_id = "pg1";
    s.components = {{"checkout", "cmp1"}};
    s.api_key = {.value = std::string(key), .source = "env STATUSPAGE_API_KEY"};
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
    statuspage_host host{http, settings_for_test()};

    json last_body() const { return json::parse(http.requests.back().request.body); }

    adapters::failure create_failure() {
        auto answer = run(host.create_incident(checkout_down()));
        REQUIRE_FALSE(answer.has_value());
        CHECK(answer.error().message.find(key) == std::string::npos);
        return answer.error();
    }
};

} // namespace

TEST_SUITE_BEGIN("statuspage");

TEST_CASE("statuspage: stages become incident statuses") {
    CHECK(statuspage_status(stage::declared) == "investigating");
    CHECK(statuspage_status(stage::investigating) == "investigating");
    CHECK(statuspage_status(stage::identified) == "identified");
    CHECK(statuspage_status(stage::monitoring) == "monitoring");
    CHECK(statuspage_status(stage::resolved) == "resolved");
    CHECK(statuspage_status(stage::closed) == "resolved");
}

TEST_CASE("statuspage: public statuses become component statuses while open") {
    using enum public_status;
    CHECK(statuspage_component_status(stage::declared, operational) == "operational");
    CHECK(statuspage_component_status(stage::identified, degraded_performance) ==
          "degraded_performance");
    CHECK(statuspage_component_status(stage::monitoring, partial_service_disruption) ==
          "partial_outage");
    CHECK(statuspage_component_status(stage::investigating, service_disruption) == "major_outage");
    CHECK(statuspage_component_status(stage::investigating, security_issue) == "major_outage");
    CHECK(statuspage_component_status(stage::resolved, service_disruption) == "operational");
    CHECK(statuspage_component_status(stage::closed, partial_service_disruption) == "operational");
}

TEST_CASE("statuspage: request bodies") {
    auto create = json::parse(statuspage_request_body(checkout_down(), "cmp1", true));
    CHECK(create == json::parse(R"({"incident": {"name": "Checkout returns 500",
        "status": "investigating", "component_ids": ["cmp1"],
        "components": {"cmp1": "partial_outage"}}})"));
    auto update = checkout_down();
    update.current = stage::resolved;
    update.body = "Fixed.";
    CHECK(json::parse(statuspage_request_body(update, "", false)) ==
          json::parse(R"({"incident": {"status": "resolved", "body": "Fixed."}})"));
}

TEST_CASE("statuspage: a create is authenticated by OAuth and answers the id") {
    fixture f;
    CHECK(f.host.kind() == "Statuspage");
    f.http.answer(incidents, 201, R"({"id":"p31zjtct2jer","name":"Checkout returns 500"})");
    auto made = run(f.host.create_incident(checkout_down()));
    REQUIRE(made.has_value());
    CHECK(*made == "p31zjtct2jer");
    const auto& sent = f.http.requests[0];
    CHECK(sent.request.method == "POST");
    CHECK(sent.path() == incidents);
    CHECK(sent.header("Authorization") == "OAuth " + std::string(key));
    CHECK(sent.header("Content-Type") == "application/json");
    CHECK(f.last_body()["incident"]["components"]["cmp1"] == "partial_outage");
}

TEST_CASE("statuspage: an update patches the incident; a service without a component has none") {
    fixture f;
    f.http.answer(incidents + "/p31zjtct2jer", 200, R"({"id":"p31zjtct2jer"})");
    auto wanted = checkout_down();
    wanted.service = "search";
    wanted.current = stage::monitoring;
    REQUIRE(run(f.host.update_incident("p31zjtct2jer", wanted)).has_value());
    CHECK(f.http.requests[0].request.method == "PATCH");
    CHECK(f.last_body() == json::parse(R"({"incident": {"status": "monitoring"}})"));
}

TEST_CASE("statuspage: the open incidents of a name, oldest first") {
    fixture f;
    f.http.answer(incidents + "/unresolved", 200,
                  R"([{"id":"b","name":"Checkout returns 500","created_at":"2026-03-24T08:16:00Z"},
                      {"id":"c","name":"Search is slow","created_at":"2026-03-24T08:15:30Z"},
                      {"id":"a","name":"Checkout returns 500","created_at":"2026-03-24T08:15:00Z"}])");
    auto found = run(f.host.open_incidents_named("Checkout returns 500"));
    REQUIRE(found.has_value());
    CHECK(*found == std::vector<std::string>{"a", "b"});
    CHECK(f.http.requests[0].request.method == "GET");

    f.http.answer(incidents + "/unresolved", 200, R"({"error":"?"})");
    CHECK_FALSE(run(f.host.open_incidents_named("x")).has_value());
}

TEST_CASE("statuspage: refusals are permanent and never show the key") {
    fixture f;
    f.http.answer(incidents, 401, R"({"error":"Could not authenticate"})");
    auto why = f.create_failure();
    CHECK_FALSE(why.retryable);
    CHECK(why.message.find("401") != std::string::npos);
    CHECK(why.message.find("API key was refused") != std::string::npos);

    f.http.answer(incidents, 422, R"({"error":["Name can't be blank","Status is bad"]})");
    why = f.create_failure();
    CHECK_FALSE(why.retryable);
    CHECK(why.message.find("Name can't be blank; Status is bad") != std::string::npos);

    f.http.answer(incidents, 404, R"({"error":"Not found"})");
    CHECK(f.create_failure().message.find("Not found") != std::string::npos);

    f.http.answer(incidents, 403, R"({"error":"key sp-s3cr3t-k3y may not write"})");
    CHECK(f.create_failure().message.find("[redacted]") != std::string::npos);
}

TEST_CASE("statuspage: rate limits wait as told; 5xx and lost answers leave a create unsure") {
    fixture f;
    f.http.answer(incidents, 429, R"({"error":"Rate limit exceeded"})", {{"Retry-After", "5"}});
    auto why = f.create_failure();
    CHECK(why.retryable);
    CHECK(why.retry_after == seconds{5});
    CHECK_FALSE(why.outcome_unknown);

    f.http.answer(incidents, 420, R"({"error":"Rate limit exceeded"})");
    why = f.create_failure();
    CHECK(why.retryable);
    CHECK_FALSE(why.outcome_unknown);

    f.http.answer(incidents, 503, "<html>unavailable</html>");
    why = f.create_failure();
    CHECK(why.retryable);
    CHECK(why.outcome_unknown);

    f.http.fail(incidents, boost::asio::error::connection_refused);
    why = f.create_failure();
    CHECK(why.retryable);
    CHECK_FALSE(why.outcome_unknown);
}

TEST_CASE("statuspage: without an API key nothing is sent") {
    fake_http_client http;
    auto s = settings_for_test();
    s.api_key = {};
    statuspage_host host(http, s);
    auto answer = run(host.create_incident(checkout_down()));
    REQUIRE_FALSE(answer.has_value());
    CHECK(answer.error().message.find("STATUSPAGE_API_KEY") != std::string::npos);
    CHECK(http.requests.empty());
}

TEST_SUITE_END();
