#include "adapters/splunk_oncall/splunk_oncall_pager.hpp"
#include "tests/unit/pagers/people.hpp"
#include "tests/unit/slack/fake_http_client.hpp"

#include <map>

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

using namespace siren;
using namespace siren::splunk_oncall;
using nlohmann::json;
using siren::testing::fake_http_client;
using siren::testing::run;

namespace {

constexpr std::string_view api_key = "5ec2e7a1-0c6b-4a4e-9d53-a11ce0ffee42";
const std::string base =
    "http://127.0.0.1:9300/integrations/generic/20131114/alert/" + std::string(api_key);

splunk_oncall_settings settings_for_test(std::string rest_url = base) {
    splunk_oncall_settings s;
    s.rest_url = {.value = std::move(rest_url), .source = "env SPLUNK_ONCALL_REST_URL"};
    s.routing_key = "ops";
    s.routing_keys = {{"imoc", "managers"}};
    return s;
}

page_user alice_page(std::string rotation = "eoc") {
    return {.user = "U024BE7LH",
            .rotation = std::move(rotation),
            .summary = "#42 S1 Checkout returns 500",
            .level = severity::s1,
            .dedup_key = "siren-42-eoc"};
}

struct fixture {
    explicit fixture(splunk_oncall_settings s = settings_for_test())
        : pager{http, s, testing::pager_people_lookup(), [this](std::string_view key) {
                    auto it = rotations.find(std::string(key));
                    return it == rotations.end() ? std::nullopt
                                                 : std::optional<std::string>(it->second);
                }} {}

    fake_http_client http;
    std::map<std::string, std::string> rotations;
    splunk_oncall_pager pager;

    json last_body() const { return json::parse(http.requests.back().request.body); }

    adapters::failure trigger_failure() {
        auto answer = run(pager.trigger(alice_page()));
        REQUIRE_FALSE(answer);
        CHECK(answer.error().message.find(api_key) == std::string::npos);
        CHECK(answer.error().message.find("alert/") == std::string::npos);
        return answer.error();
    }
};

} // namespace

TEST_SUITE_BEGIN("splunk_oncall");

TEST_CASE("splunk_oncall: a trigger is a CRITICAL alert whose entity_id is the dedup key") {
    fixture f;
    CHECK(f.pager.provider() == "splunk_oncall");
    f.http.answer("ops", 200, R"({"result":"success","entity_id":"siren-42-eoc"})");
    REQUIRE(run(f.pager.trigger(alice_page())));

    REQUIRE(f.http.requests.size() == 1);
    const auto& sent = f.http.requests[0];
    CHECK(sent.request.method == "POST");
    CHECK(sent.request.url == base + "/ops");
    CHECK(sent.header("Content-Type") == "application/json");
    CHECK_FALSE(sent.header("Authorization")); // the key in the URL authenticates
    json body = f.last_body();
    CHECK(body["message_type"] == "CRITICAL");
    CHECK(body["entity_id"] == "siren-42-eoc");
    CHECK(body["entity_display_name"] ==
          "Alice Example paged for eoc (S1): #42 S1 Checkout returns 500");
    CHECK(body["monitoring_tool"] == "siren");
    std::string state = body["state_message"];
    CHECK(state.find("Alice Example is paged for eoc (S1) by siren.") == 0);
    CHECK(state.find("/119 ack siren-42-eoc") != std::string::npos);
    CHECK(body["person_email"] == "alice@example.com");
    CHECK(body["rotation"] == "eoc");
    CHECK(body["siren_severity"] == "S1");
}

TEST_CASE("splunk_oncall: the routing key is the rotation's, else the default") {
    CHECK(routing_key_for(settings_for_test(), "imoc") == "managers");
    CHECK(routing_key_for(settings_for_test(), "imoc:secondary") == "managers");
    CHECK(routing_key_for(settings_for_test(), "eoc") == "ops");
    CHECK(routing_key_for(settings_for_test(), "@dana") == "ops");
    CHECK(routing_key_for(settings_for_test(), "") == "ops");

    fixture f;
    f.http.answer("managers", 200, R"({"result":"success"})");
    REQUIRE(run(f.pager.trigger(alice_page("imoc"))));
    CHECK(f.http.requests.back().request.url == base + "/managers");
}

TEST_CASE("splunk_oncall: the URL as the integration page shows it, with $routing_key") {
    CHECK(alert_url(base + "/$routing_key", "ops") == base + "/ops");
    CHECK(alert_url(base + "/", "ops") == base + "/ops");
    CHECK(alert_url(base, "db team") == base + "/db%20team");
}

TEST_CASE("splunk_oncall: acknowledge and resolve go to the routing key of the page's rotation") {
    fixture f;
    f.rotations["siren-42-imoc"] = "imoc";
    f.http.answer("managers", 200, R"({"result":"success"})");
    f.http.answer("managers", 200, R"({"result":"success"})");
    REQUIRE(run(f.pager.acknowledge("siren-42-imoc")));
    json ack = f.last_body();
    CHECK(ack["message_type"] == "ACKNOWLEDGEMENT");
    CHECK(ack["entity_id"] == "siren-42-imoc");
    CHECK(ack["ack_author"] == "siren");
    CHECK(ack["monitoring_tool"] == "siren");
    REQUIRE(run(f.pager.resolve("siren-42-imoc")));
    CHECK(f.last_body()["message_type"] == "RECOVERY");
    CHECK(f.http.requests.back().request.url == base + "/managers");

    // A page siren has no record of goes to the default routing key.
    f.http.answer("ops", 200, R"({"result":"success"})");
    REQUIRE(run(f.pager.resolve("siren-7-eoc")));
    CHECK(f.http.requests.back().request.url == base + "/ops");
}

TEST_CASE("splunk_oncall: a refused key is permanent and never quoted") {
    SUBCASE("404") {
        fixture f;
        std::string echoed =
            R"({"result":"failure","message":"No org for key )" + std::string(api_key) + R"("})";
        f.http.answer("ops", 404, echoed);
        auto why = f.trigger_failure();
        CHECK_FALSE(why.retryable);
        CHECK(why.message.find("HTTP 404") != std::string::npos);
        CHECK(why.message.find("[redacted]") != std::string::npos);
    }
    SUBCASE("401 and 403") {
        for (int status : {401, 403}) {
            fixture f;
            f.http.answer("ops", status, "");
            CHECK_FALSE(f.trigger_failure().retryable);
        }
    }
    SUBCASE("a 200 saying failure") {
        fixture f;
        f.http.answer("ops", 200, R"({"result":"failure","message":"Missing fields"})");
        auto why = f.trigger_failure();
        CHECK_FALSE(why.retryable);
        CHECK(why.message == "Splunk On-Call trigger was refused: Missing fields");
    }
    SUBCASE("400") {
        fixture f;
        f.http.answer("ops", 400, R"({"result":"failure","message":"Invalid JSON"})");
        auto why = f.trigger_failure();
        CHECK_FALSE(why.retryable);
        CHECK(why.message == "Splunk On-Call trigger was refused (HTTP 400: Invalid JSON)");
    }
}

TEST_CASE("splunk_oncall: 408, 429, 5xx and transport errors are retryable") {
    for (int status : {408, 429, 500, 502, 503}) {
        fixture f;
        f.http.answer("ops", status, "<html>busy</html>");
        auto why = f.trigger_failure();
        CHECK(why.retryable);
        CHECK_FALSE(why.retry_after);
    }
    fixture f;
    f.http.fail("ops", make_error_code(boost::system::errc::connection_refused));
    auto why = f.trigger_failure();
    CHECK(why.retryable);
    CHECK(why.message.find("Splunk On-Call trigger could not be sent") == 0);
}

TEST_CASE("splunk_oncall: without a URL, a routing key or a dedup key nothing is sent") {
    {
        fixture f(settings_for_test(""));
        auto answer = run(f.pager.trigger(alice_page()));
        REQUIRE_FALSE(answer);
        CHECK_FALSE(answer.error().retryable);
        CHECK(answer.error().message.find("SPLUNK_ONCALL_REST_URL") != std::string::npos);
    }
    {
        auto s = settings_for_test();
        s.routing_key.clear();
        fixture f(s);
        auto answer = run(f.pager.trigger(alice_page()));
        REQUIRE_FALSE(answer);
        CHECK_FALSE(answer.error().retryable);
    }
    {
        fixture f;
        auto page = alice_page();
        page.dedup_key.clear();
        REQUIRE_FALSE(run(f.pager.trigger(page)));
        REQUIRE_FALSE(run(f.pager.acknowledge("")));
        CHECK(f.http.requests.empty());
    }
}

TEST_SUITE_END();
