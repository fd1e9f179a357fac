#include "adapters/pagerduty/pagerduty_pager.hpp"
#include "commands/text.hpp"
#include "tests/unit/pagers/people.hpp"
#include "tests/unit/slack/fake_http_client.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

using namespace siren;
using namespace siren::pagerduty;
using nlohmann::json;
using siren::testing::fake_http_client;
using siren::testing::run;

namespace {

constexpr std::string_view routing_key = "R0UT1NGKEY0123456789abcdef012345";

pagerduty_settings settings_for_test() {
    pagerduty_settings s;
    s.events_api_url = "http://127.0.0.1:9100/v2/enqueue";
    s.routing_key = {.value = std::string(routing_key), .source = "env PAGERDUTY_ROUTING_KEY"};
    return s;
}

page_user alice_page(severity level = severity::s1) {
    return {.user = "U024BE7LH",
            .rotation = "eoc",
            .summary = "#42 S1 Checkout returns 500",
            .level = level,
            .dedup_key = "siren-42-eoc"};
}

struct fixture {
    fake_http_client http;
    pagerduty_pager pager{http, settings_for_test(), testing::pager_people_lookup()};

    json last_body() const { return json::parse(http.requests.back().request.body); }

    adapters::failure trigger_failure() {
        auto answer = run(pager.trigger(alice_page()));
        REQUIRE_FALSE(answer);
        CHECK(answer.error().message.find(routing_key) == std::string::npos);
        return answer.error();
    }
};

} // namespace

TEST_SUITE_BEGIN("pagerduty");

TEST_CASE("pagerduty: a trigger names the person in the summary and the details") {
    fixture f;
    CHECK(f.pager.provider() == "pagerduty");
    f.http.answer("enqueue", 202,
                  R"({"status":"success","message":"Event processed","dedup_key":"siren-42-eoc"})");
    REQUIRE(run(f.pager.trigger(alice_page())));

    REQUIRE(f.http.requests.size() == 1);
    const auto& sent = f.http.requests[0];
    CHECK(sent.request.method == "POST");
    CHECK(sent.request.url == "http://127.0.0.1:9100/v2/enqueue");
    CHECK(sent.header("Content-Type") == "application/json");
    CHECK_FALSE(sent.header("Authorization")); // the routing key in the body authenticates
    json expected = {{"routing_key", routing_key},
                     {"event_action", "trigger"},
                     {"dedup_key", "siren-42-eoc"},
                     {"payload",
                      {{"summary", "Alice Example paged for eoc (S1): #42 S1 Checkout returns 500"},
                       {"source", "siren"},
                       {"severity", "critical"},
                       {"component", "eoc"},
                       {"custom_details",
                        {{"person", "Alice Example"},
                         {"person_handle", "alice"},
                         {"person_email", "alice@example.com"},
                         {"siren_user", "U024BE7LH"},
                         {"rotation", "eoc"},
                         {"siren_severity", "S1"}}}}}};
    CHECK(f.last_body() == expected);
}

TEST_CASE("pagerduty: siren's severities map onto PagerDuty's") {
    const std::pair<severity, std::string_view> mapping[] = {{severity::s0, "critical"},
                                                             {severity::s1, "critical"},
                                                             {severity::s2, "error"},
                                                             {severity::s3, "warning"},
                                                             {severity::s4, "info"}};
    for (auto [level, expected] : mapping) {
        fixture f;
        f.http.answer("enqueue", 202, R"({"status":"success"})");
        REQUIRE(run(f.pager.trigger(alice_page(level))));
        CHECK(f.last_body()["payload"]["severity"] == expected);
        CHECK(f.last_body()["payload"]["custom_details"]["siren_severity"] == to_string(level));
    }
}

TEST_CASE("pagerduty: a long summary is cut to 1024 characters on a character boundary") {
    fixture f;
    f.http.answer("enqueue", 202, R"({"status":"success"})");
    page_user page = alice_page();
    page.summary.clear();
    for (int i = 0; i < 1500; ++i)
        page.summary += "é€"; // two and three bytes
    REQUIRE(run(f.pager.trigger(page)));
    std::string summary = f.last_body()["payload"]["summary"];
    CHECK(commands::count_characters(summary) == pagerduty_pager::max_summary_characters);
    CHECK(commands::is_valid_utf8(summary));
    CHECK(summary.starts_with("Alice Example paged for eoc (S1): é€"));
    CHECK(summary.ends_with("…"));
}

TEST_CASE("pagerduty: an unknown person is named by siren's user id; no rotation, no component") {
    fixture f;
    f.http.answer("enqueue", 202, R"({"status":"success"})");
    REQUIRE(run(f.pager.trigger(page_user{.user = "U999",
                                          .rotation = "",
                                          .summary = "disk full",
                                          .level = severity::s3,
                                          .dedup_key = "siren-7-x"})));
    json payload = f.last_body()["payload"];
    CHECK(payload["summary"] == "U999 paged (S3): disk full");
    CHECK_FALSE(payload.contains("component"));
    CHECK(payload["custom_details"] ==
          json{{"person", "U999"}, {"siren_user", "U999"}, {"siren_severity", "S3"}});

    // A person without a name goes by the handle.
    f.http.answer("enqueue", 202, R"({"status":"success"})");
    REQUIRE(run(f.pager.trigger(page_user{.user = "bob",
                                          .rotation = "eoc",
                                          .summary = "",
                                          .level = severity::s2,
                                          .dedup_key = "siren-8-eoc"})));
    CHECK(f.last_body()["payload"]["summary"] == "bob paged for eoc (S2)");
    CHECK_FALSE(f.last_body()["payload"]["custom_details"].contains("person_email"));
}

TEST_CASE("pagerduty: a 202 naming another dedup key is still a success") {
    fixture f;
    f.http.answer("enqueue", 202,
                  R"({"status":"success","message":"Event processed","dedup_key":"other"})");
    CHECK(run(f.pager.trigger(alice_page())));
}

TEST_CASE("pagerduty: acknowledge and resolve send the dedup key and nothing else") {
    fixture f;
    f.http.answer("enqueue", 202, R"({"status":"success","dedup_key":"siren-42-eoc"})");
    f.http.answer("enqueue", 202, R"({"status":"success","dedup_key":"siren-42-eoc"})");
    REQUIRE(run(f.pager.acknowledge("siren-42-eoc")));
    CHECK(f.last_body() == json{{"routing_key", routing_key},
                                {"event_action", "acknowledge"},
                                {"dedup_key", "siren-42-eoc"}});
    REQUIRE(run(f.pager.resolve("siren-42-eoc")));
    CHECK(f.last_body() == json{{"routing_key", routing_key},
                                {"event_action", "resolve"},
                                {"dedup_key", "siren-42-eoc"}});
    CHECK(f.http.requests.back().request.url == "http://127.0.0.1:9100/v2/enqueue");

    auto no_key = run(f.pager.resolve(""));
    REQUIRE_FALSE(no_key);
    CHECK_FALSE(no_key.error().retryable);
    CHECK(f.http.requests.size() == 2);
}

TEST_CASE("pagerduty: a 400 is permanent and carries PagerDuty's errors, never the key") {
    fixture f;
    f.http.answer(
        "enqueue", 400,
        R"json({"status":"invalid event","message":"Event object is invalid","errors":)json"
        R"json(["Length of 'routing_key' is incorrect (should be 32 characters)",)json"
        R"json("routing_key R0UT1NGKEY0123456789abcdef012345 is unknown"]})json");
    auto why = f.trigger_failure();
    CHECK_FALSE(why.retryable);
    CHECK(why.message == "PagerDuty trigger was refused (HTTP 400: Event object is invalid: "
                         "Length of 'routing_key' is incorrect (should be 32 characters); "
                         "routing_key [redacted] is unknown)");

    f.http.answer("enqueue", 400, "not json");
    auto bare = f.trigger_failure();
    CHECK_FALSE(bare.retryable);
    CHECK(bare.message == "PagerDuty trigger was refused (HTTP 400)");
}

TEST_CASE("pagerduty: 429, 408, 5xx and transport errors are retryable without retry_after") {
    for (int status : {429, 408, 500, 502, 503, 504}) {
        CAPTURE(status);
        fixture f;
        f.http.answer("enqueue", status, R"({"status":"Calming","message":"Enhance Your Calm"})",
                      {{"Retry-After", "30"}, {"ratelimit-reset", "30"}});
        auto why = f.trigger_failure();
        CHECK(why.retryable);
        CHECK_FALSE(why.retry_after);
        CHECK(why.message.find("HTTP " + std::to_string(status)) != std::string::npos);
    }
    fixture f;
    f.http.fail("enqueue", make_error_code(boost::system::errc::connection_reset));
    auto reset = f.trigger_failure();
    CHECK(reset.retryable);
    CHECK_FALSE(reset.retry_after);
    CHECK(reset.message.starts_with("PagerDuty trigger could not be sent: "));
}

TEST_CASE("pagerduty: other statuses are permanent") {
    for (int status : {401, 403, 404, 413, 301}) {
        CAPTURE(status);
        fixture f;
        f.http.answer("enqueue", status, "");
        auto why = f.trigger_failure();
        CHECK_FALSE(why.retryable);
        CHECK(why.message.find("HTTP " + std::to_string(status)) != std::string::npos);
    }
}

TEST_CASE("pagerduty: without a routing key nothing is sent") {
    fake_http_client http;
    pagerduty_settings settings = settings_for_test();
    settings.routing_key = {};
    pagerduty_pager pager(http, settings, testing::pager_people_lookup());
    auto answer = run(pager.trigger(alice_page()));
    REQUIRE_FALSE(answer);
    CHECK_FALSE(answer.error().retryable);
    CHECK(answer.error().message.find("PAGERDUTY_ROUTING_KEY") != std::string::npos);
    CHECK(http.requests.empty());
}

TEST_SUITE_END();
