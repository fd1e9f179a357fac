#include "adapters/opsgenie/opsgenie_callback.hpp"
#include "adapters/opsgenie/opsgenie_oncalls.hpp"
#include "tests/unit/slack/fake_http_client.hpp"

#include <doctest/doctest.h>

using namespace siren;
using namespace siren::opsgenie;
using siren::testing::fake_http_client;
using siren::testing::run;

namespace {

constexpr std::string_view api_key = "eb243592-faa2-4ba2-a551-1afdf565c889";

opsgenie_settings settings_for_test() {
    opsgenie_settings s;
    s.api_url = "http://127.0.0.1:9200/";
    s.api_key = {.value = std::string(api_key), .source = "env OPSGENIE_API_KEY"};
    return s;
}

const time_point at = *parse_iso8601("2026-03-24T08:15:00Z");

// An Acknowledge callback in the documented shape (protocols.md §6.2).
constexpr std::string_view acknowledge_body =
    R"({"action":"Acknowledge","alert":{"alertId":"44f717bf-44bd-11c9-44c7-2d0cf1d07b23",)"
    R"("message":"#42 S1 Checkout returns 500","tags":["siren","eoc"],"tinyId":"42","entity":"",)"
    R"("alias":"siren-42-eoc","createdAt":1774340100000,"updatedAt":1774340160000000000,)"
    R"("username":"alice@example.com","userId":"0ff72a6e-1c49-4bb2-b3b9-5d6f8e2a7c10",)"
    R"("recipients":["alice@example.com"],"teams":[],"source":"siren"},)"
    R"("source":{"name":"","type":"mobile"},"integrationName":"siren callbacks",)"
    R"("integrationId":"8418d193-2dab-4490-b331-8c02cdd196b7","integrationType":"Webhook"})";

} // namespace

TEST_SUITE_BEGIN("opsgenie");

TEST_CASE("opsgenie: the who-is-on-call request names the schedule and the time") {
    fake_http_client http;
    opsgenie_oncalls oncalls(http, settings_for_test());
    http.answer("/v2/schedules/Ops%20Team/on-calls", 200,
                R"({"data":{"_parent":{"id":"d875e654","name":"Ops Team","enabled":true},)"
                R"("onCallRecipients":["alice@example.com","ops-team","","carol@example.com"]},)"
                R"("took":0.1,"requestId":"r9"})");
    auto shifts = run(oncalls.on_call("Ops Team", at));
    REQUIRE(shifts.has_value());

    const auto& sent = http.requests[0];
    CHECK(sent.request.method == "GET");
    CHECK(sent.request.url ==
          "http://127.0.0.1:9200/v2/schedules/Ops%20Team/on-calls"
          "?scheduleIdentifierType=name&flat=true&date=2026-03-24T08%3A15%3A00Z");
    CHECK(sent.header("Authorization") == "GenieKey " + std::string(api_key));
    CHECK_FALSE(sent.header("Content-Type"));

    REQUIRE(shifts->size() == 3);
    CHECK((*shifts)[0].email == "alice@example.com");
    CHECK((*shifts)[0].name == "alice@example.com");
    CHECK_FALSE((*shifts)[0].start);
    CHECK_FALSE((*shifts)[0].end);
    CHECK((*shifts)[1].email.empty());
    CHECK((*shifts)[1].name == "ops-team");
    CHECK((*shifts)[2].email == "carol@example.com");
}

TEST_CASE("opsgenie: who-is-on-call failures") {
    fake_http_client http;
    opsgenie_oncalls oncalls(http, settings_for_test());
    auto failure = [&] {
        auto answer = run(oncalls.on_call("Ops Team", at));
        REQUIRE_FALSE(answer.has_value());
        CHECK(answer.error().message.find(api_key) == std::string::npos);
        return answer.error();
    };
    const std::string path = "/v2/schedules/Ops%20Team/on-calls";
    http.answer(path, 401, R"({"message":"Key eb243592-faa2-4ba2-a551-1afdf565c889 is invalid"})");
    auto refused = failure();
    CHECK_FALSE(refused.retryable);
    CHECK(refused.message == "Opsgenie on-call lookup: Opsgenie refused the API key (HTTP 401: "
                             "Key [redacted] is invalid)");

    http.answer(path, 404, R"({"message":"Schedule with name [Ops Team] does not exist"})");
    CHECK_FALSE(failure().retryable);
    http.answer(path, 429, "");
    CHECK(failure().retryable);
    http.answer(path, 500, "");
    CHECK(failure().retryable);
    http.fail(path, make_error_code(boost::system::errc::connection_reset));
    CHECK(failure().retryable);
    http.answer(path, 200, R"({"data":{"onCallParticipants":[]}})");
    CHECK_FALSE(failure().retryable);

    http.answer(path, 200, R"({"data":{"onCallRecipients":[]}})");
    auto nobody = run(oncalls.on_call("Ops Team", at));
    REQUIRE(nobody.has_value());
    CHECK(nobody->empty());
}

TEST_CASE("opsgenie: the documented Acknowledge callback is read") {
    auto action = parse_opsgenie_callback(acknowledge_body);
    REQUIRE(action.has_value());
    CHECK(action->action == "Acknowledge");
    CHECK(action->alias == "siren-42-eoc");
    CHECK(action->alert_id == "44f717bf-44bd-11c9-44c7-2d0cf1d07b23");
    CHECK(action->username == "alice@example.com");

    auto close =
        parse_opsgenie_callback(R"({"action":"Close","alert":{"alertId":"a1","username":"System"},)"
                                R"("source":{"type":"API"}})");
    REQUIRE(close.has_value());
    CHECK(close->action == "Close");
    CHECK(close->alias.empty());
    CHECK(close->username == "System");
}

TEST_CASE("opsgenie: a malformed callback says what is wrong") {
    auto reason = [](std::string_view body) {
        auto parsed = parse_opsgenie_callback(body);
        REQUIRE_FALSE(parsed.has_value());
        return parsed.error();
    };
    CHECK(reason("").find("not a JSON object") != std::string::npos);
    CHECK(reason(R"(["Acknowledge"])").find("not a JSON object") != std::string::npos);
    CHECK(reason(R"({"alert":{"alertId":"a1"}})").find("no action") != std::string::npos);
    CHECK(reason(R"({"action":7,"alert":{"alertId":"a1"}})").find("no action") !=
          std::string::npos);
    CHECK(reason(R"({"action":"Close"})").find("no alert") != std::string::npos);
    CHECK(reason(R"({"action":"Close","alert":[]})").find("no alert") != std::string::npos);
    CHECK(reason(R"({"action":"Close","alert":{"alias":"k"}})").find("alertId") !=
          std::string::npos);
}

TEST_CASE("opsgenie: the callback token is compared whole") {
    constexpr std::string_view token = "cb-token-5f1d2c";
    CHECK(verify_callback_token(token, token));
    for (std::string_view given :
         {std::string_view(""), std::string_view("cb-token-5f1d2"),
          std::string_view("cb-token-5f1d2c "), std::string_view("CB-TOKEN-5F1D2C"),
          std::string_view("xb-token-5f1d2c")}) {
        CAPTURE(given);
        auto checked = verify_callback_token(given, token);
        REQUIRE_FALSE(checked);
        CHECK(checked.error().find(token) == std::string::npos);
    }
    auto unconfigured = verify_callback_token("", "");
    REQUIRE_FALSE(unconfigured);
    CHECK(unconfigured.error().find("no Opsgenie callback token is configured") !=
          std::string::npos);
    CHECK_FALSE(verify_callback_token("anything", ""));
}

TEST_SUITE_END();
