#include "adapters/pagerduty/pagerduty_oncalls.hpp"
#include "adapters/pagerduty/pagerduty_rest.hpp"
#include "tests/unit/slack/fake_http_client.hpp"

#include <doctest/doctest.h>

using namespace siren;
using namespace siren::pagerduty;
using siren::testing::fake_http_client;
using siren::testing::run;

namespace {

constexpr std::string_view api_token = "y_NbAkKc66ryYTWUXYEu";

pagerduty_settings settings_for_test(std::string rest_url = "http://127.0.0.1:9101") {
    pagerduty_settings s;
    s.rest_api_url = std::move(rest_url);
    s.api_token = {.value = std::string(api_token), .source = "env PAGERDUTY_API_TOKEN"};
    return s;
}

const time_point at = *parse_iso8601("2015-03-07T00:00:00Z");

// GET /oncalls with include[]=users (protocols.md §5.2): full user objects. Tim is reached twice,
// through two escalation policies; Pat is on call permanently (a direct policy target); Jo's
// shift ended before `at`; Ann's user object has no name, only a summary.
constexpr std::string_view oncalls_body =
    R"({"oncalls":[)"
    R"({"user":{"id":"PT23IWX","type":"user","name":"Tim Wright","summary":"Tim Wright",)"
    R"("email":"tim.wright@example.com"},"schedule":{"id":"PI7DH85","type":"schedule_reference"},)"
    R"("escalation_policy":{"id":"PT20YPA","type":"escalation_policy_reference"},)"
    R"("escalation_level":2,"start":"2015-03-06T15:28:51-05:00",)"
    R"("end":"2015-03-07T15:28:51-05:00"},)"
    R"({"user":{"id":"PANNE01","type":"user","summary":"Ann Example","email":"ann@example.com"},)"
    R"("schedule":{"id":"PI7DH85","type":"schedule_reference"},"escalation_level":1,)"
    R"("start":"2015-03-06T12:00:00.000Z","end":"2015-03-07T12:00:00+0000"},)"
    R"({"user":{"id":"PPAT001","type":"user","name":"Pat","email":"pat@example.com"},)"
    R"("schedule":null,"escalation_level":1,"start":null,"end":null},)"
    R"({"user":{"id":"PJO0001","type":"user","name":"Jo","email":"jo@example.com"},)"
    R"("escalation_level":1,"start":"2015-03-06T00:00:00Z","end":"2015-03-06T23:59:59Z"},)"
    R"({"user":{"id":"PT23IWX","type":"user","name":"Tim Wright",)"
    R"("email":"tim.wright@example.com"},"escalation_level":3,)"
    R"("start":"2015-03-06T15:28:51-05:00","end":"2015-03-07T15:28:51-05:00"}],)"
    R"("limit":25,"offset":0,"more":false,"total":null})";

struct fixture {
    fake_http_client http;
    pagerduty_oncalls oncalls{http, settings_for_test()};

    adapters::failure oncall_failure() {
        auto answer = run(oncalls.on_call("PI7DH85", at));
        REQUIRE_FALSE(answer.has_value());
        CHECK(answer.error().message.find(api_token) == std::string::npos);
        return answer.error();
    }
};

} // namespace

TEST_SUITE_BEGIN("pagerduty");

TEST_CASE("pagerduty: on-calls are asked for with the token, by schedule and time") {
    fixture f;
    f.http.answer("/oncalls", 200, R"({"oncalls":[],"limit":25,"offset":0,"more":false})");
    auto shifts = run(f.oncalls.on_call("PI7DH85", at));
    REQUIRE(shifts.has_value());
    CHECK(shifts->empty());

    REQUIRE(f.http.requests.size() == 1);
    const auto& sent = f.http.requests[0];
    CHECK(sent.request.method == "GET");
    CHECK(sent.request.url == "http://127.0.0.1:9101/oncalls?schedule_ids[]=PI7DH85"
                              "&since=2015-03-07T00%3A00%3A00Z&until=2015-03-07T00%3A00%3A01Z"
                              "&include[]=users&earliest=true");
    CHECK(sent.header("Authorization") == "Token token=y_NbAkKc66ryYTWUXYEu");
    CHECK(sent.header("Accept") == "application/vnd.pagerduty+json;version=2");
    CHECK(sent.request.body.empty());
}

TEST_CASE("pagerduty: on-calls come by escalation level, each person once, covering the time") {
    fixture f;
    f.http.answer("/oncalls", 200, std::string(oncalls_body));
    auto shifts = run(f.oncalls.on_call("PI7DH85", at));
    REQUIRE(shifts.has_value());
    REQUIRE(shifts->size() == 3);

    CHECK((*shifts)[0].email == "ann@example.com");
    CHECK((*shifts)[0].name == "Ann Example");
    CHECK((*shifts)[0].start == parse_iso8601("2015-03-06T12:00:00Z"));
    CHECK((*shifts)[0].end == parse_iso8601("2015-03-07T12:00:00Z"));

    CHECK((*shifts)[1].email == "pat@example.com");
    CHECK_FALSE((*shifts)[1].start);
    CHECK_FALSE((*shifts)[1].end);

    CHECK((*shifts)[2].email == "tim.wright@example.com");
    CHECK((*shifts)[2].name == "Tim Wright");
    CHECK((*shifts)[2].start == parse_iso8601("2015-03-06T20:28:51Z"));
    CHECK((*shifts)[2].end == parse_iso8601("2015-03-07T20:28:51Z"));
}

TEST_CASE("pagerduty: a rate-limited REST call waits as ratelimit-reset says") {
    fixture f;
    f.http.answer(
        "/oncalls", 429, R"({"error":{"message":"Rate Limit Exceeded","code":2020}})",
        {{"ratelimit-limit", "960"}, {"ratelimit-remaining", "0"}, {"RateLimit-Reset", "17"}});
    auto limited = f.oncall_failure();
    CHECK(limited.retryable);
    CHECK(limited.retry_after == seconds{17});

    // The headers and body may be missing.
    f.http.answer("/oncalls", 429, "");
    auto bare = f.oncall_failure();
    CHECK(bare.retryable);
    CHECK_FALSE(bare.retry_after);
}

TEST_CASE("pagerduty: a refused token is permanent and says so, without the token") {
    for (int status : {401, 403}) {
        CAPTURE(status);
        fixture f;
        f.http.answer(
            "/oncalls", status,
            R"({"error":{"message":"Authentication failed for token y_NbAkKc66ryYTWUXYEu",)"
            R"("code":2006}})");
        auto why = f.oncall_failure();
        CHECK_FALSE(why.retryable);
        CHECK(why.message.find("PagerDuty refused the API token") != std::string::npos);
        CHECK(why.message.find("code 2006") != std::string::npos);
        CHECK(why.message.find("[redacted]") != std::string::npos);
    }
}

TEST_CASE("pagerduty: the REST error envelope is surfaced; 5xx and transport are retryable") {
    fixture f;
    f.http.answer("/oncalls", 400,
                  R"({"error":{"message":"Invalid Input Provided","code":2001,)"
                  R"("errors":["Since must be before until."]}})");
    auto invalid = f.oncall_failure();
    CHECK_FALSE(invalid.retryable);
    CHECK(invalid.message == "PagerDuty on-call lookup got HTTP 400: Invalid Input Provided, "
                             "code 2001: Since must be before until.");

    f.http.answer("/oncalls", 503, "<html>busy</html>");
    auto busy = f.oncall_failure();
    CHECK(busy.retryable);
    CHECK(busy.message == "PagerDuty on-call lookup got HTTP 503");

    f.http.answer("/oncalls", 408, "");
    CHECK(f.oncall_failure().retryable);

    f.http.fail("/oncalls", make_error_code(boost::system::errc::timed_out));
    auto timeout = f.oncall_failure();
    CHECK(timeout.retryable);
    CHECK(timeout.message.starts_with("PagerDuty on-call lookup could not be sent: "));
}

TEST_CASE("pagerduty: an on-call answer of the wrong shape is a permanent failure") {
    fixture f;
    f.http.answer("/oncalls", 200, "not json");
    CHECK_FALSE(f.oncall_failure().retryable);
    f.http.answer("/oncalls", 200, R"({"oncalls":{}})");
    CHECK_FALSE(f.oncall_failure().retryable);
    f.http.answer("/oncalls", 200,
                  R"({"oncalls":[{"user":{"id":"P1","email":"a@b"},"start":"soon","end":null}]})");
    auto unreadable = f.oncall_failure();
    CHECK_FALSE(unreadable.retryable);
    CHECK(unreadable.message.find("unreadable start or end") != std::string::npos);
}

TEST_CASE("pagerduty: without a token nothing is sent") {
    fake_http_client http;
    pagerduty_settings settings = settings_for_test();
    settings.api_token = {};
    pagerduty_oncalls oncalls(http, settings);
    auto answer = run(oncalls.on_call("PI7DH85", at));
    REQUIRE_FALSE(answer.has_value());
    CHECK_FALSE(answer.error().retryable);
    CHECK(answer.error().message.find("PAGERDUTY_API_TOKEN") != std::string::npos);
    CHECK(http.requests.empty());
}

TEST_CASE("pagerduty: a webhook's incident id maps back to the dedup key") {
    fake_http_client http;
    pagerduty_rest rest(http, settings_for_test("http://127.0.0.1:9101/"));
    http.answer("/incidents/PGR0VU2", 200,
                R"({"incident":{"id":"PGR0VU2","type":"incident","incident_number":2,)"
                R"("status":"acknowledged","incident_key":"siren-42-eoc","title":"x"}})");
    auto key = run(rest.incident_key_of("PGR0VU2"));
    REQUIRE(key.has_value());
    CHECK(*key == "siren-42-eoc");
    const auto& sent = http.requests[0];
    CHECK(sent.request.method == "GET");
    CHECK(sent.request.url == "http://127.0.0.1:9101/incidents/PGR0VU2");
    CHECK(sent.header("Authorization") == "Token token=y_NbAkKc66ryYTWUXYEu");
    CHECK(sent.header("Accept") == "application/vnd.pagerduty+json;version=2");

    http.answer("/incidents/PNOKEY1", 200, R"({"incident":{"id":"PNOKEY1","incident_key":null}})");
    auto no_key = run(rest.incident_key_of("PNOKEY1"));
    REQUIRE_FALSE(no_key.has_value());
    CHECK_FALSE(no_key.error().retryable);
    CHECK(no_key.error().message.find("no incident_key") != std::string::npos);

    http.answer("/incidents/PGONE01", 404,
                R"({"error":{"message":"Incident Not Found","code":2100}})");
    auto gone = run(rest.incident_key_of("PGONE01"));
    REQUIRE_FALSE(gone.has_value());
    CHECK_FALSE(gone.error().retryable);
    CHECK(gone.error().message ==
          "PagerDuty incident lookup got HTTP 404: Incident Not Found, code 2100");

    // An id is one path segment, whatever it holds.
    http.answer("/incidents/P%2F..%3Fx", 200, R"({"incident":{"incident_key":"k"}})");
    auto odd = run(rest.incident_key_of("P/..?x"));
    REQUIRE(odd.has_value());
    CHECK(http.requests.back().request.url == "http://127.0.0.1:9101/incidents/P%2F..%3Fx");
}

TEST_SUITE_END();
