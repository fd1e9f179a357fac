#include "adapters/opsgenie/opsgenie_pager.hpp"
#include "commands/text.hpp"
#include "tests/unit/pagers/people.hpp"
#include "tests/unit/slack/fake_http_client.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

using namespace siren;
using namespace siren::opsgenie;
using namespace std::chrono_literals;
using nlohmann::json;
using siren::testing::fake_http_client;
using siren::testing::run;

namespace {

constexpr std::string_view api_key = "eb243592-faa2-4ba2-a551-1afdf565c889";

opsgenie_settings settings_for_test() {
    opsgenie_settings s;
    s.api_url = "http://127.0.0.1:9200";
    s.api_key = {.value = std::string(api_key), .source = "env OPSGENIE_API_KEY"};
    return s;
}

// Short waits, so that the tests run in milliseconds: 1, 2, 4, 4, … ms, giving up past 50 ms.
constexpr request_polling fast_polling{.first_delay = 1ms, .max_delay = 4ms, .give_up_after = 50ms};

page_user alice_page(severity level = severity::s1) {
    return {.user = "U024BE7LH",
            .rotation = "eoc",
            .summary = "#42 S1 Checkout returns 500",
            .level = level,
            .dedup_key = "siren-42-eoc"};
}

std::string accepted(std::string_view request_id) {
    return R"({"result":"Request will be processed","took":0.302,"requestId":")" +
           std::string(request_id) + R"("})";
}

std::string request_status(bool success, std::string_view status, std::string_view action) {
    json data = {{"success", success},
                 {"action", action},
                 {"processedAt", "2017-05-24T14:24:20.844Z"},
                 {"integrationId", "c9cec2cb-e782-4ebb-bc1d-1b2fa703cf03"},
                 {"isSuccess", success},
                 {"status", status},
                 {"alertId", "8743a1b2-11da-480e-8493-744660987bef-1495635860844"},
                 {"alias", "siren-42-eoc"}};
    return json{{"data", data}, {"took", 0.022}, {"requestId", "r1"}}.dump();
}

const net::header_list not_processed = {{"X-Opsgenie-Errortype", "RequestNotProcessed"}};
constexpr std::string_view not_processed_body =
    R"({"message":"Request not processed yet","took":0.001,"requestId":"r1"})";

struct fixture {
    fake_http_client http;
    opsgenie_pager pager{http, settings_for_test(), testing::pager_people_lookup(), fast_polling};

    void accept(std::string_view path) { http.answer(std::string(path), 202, accepted("r1")); }
    void processed(bool success = true, std::string_view status = "Created alert",
                   std::string_view action = "Create") {
        http.answer("/v2/alerts/requests/r1", 200, request_status(success, status, action));
    }
    void pending(int times) {
        for (int i = 0; i < times; ++i)
            http.answer("/v2/alerts/requests/r1", 404, std::string(not_processed_body),
                        not_processed);
    }

    adapters::failure failure_of(adapters::call_result<> answer) {
        REQUIRE_FALSE(answer);
        CHECK(answer.error().message.find(api_key) == std::string::npos);
        return answer.error();
    }
    adapters::failure trigger_failure() { return failure_of(run(pager.trigger(alice_page()))); }
};

} // namespace

TEST_SUITE_BEGIN("opsgenie");

TEST_CASE("opsgenie: a trigger creates an alert for the person, then checks it was processed") {
    fixture f;
    CHECK(f.pager.provider() == "opsgenie");
    f.accept("/v2/alerts");
    f.processed();
    REQUIRE(run(f.pager.trigger(alice_page())));

    REQUIRE(f.http.requests.size() == 2);
    const auto& create = f.http.requests[0];
    CHECK(create.request.method == "POST");
    CHECK(create.request.url == "http://127.0.0.1:9200/v2/alerts");
    CHECK(create.header("Authorization") == "GenieKey " + std::string(api_key));
    CHECK(create.header("Content-Type") == "application/json");
    json expected = {
        {"message", "#42 S1 Checkout returns 500"},
        {"alias", "siren-42-eoc"},
        {"description",
         "Alice Example is paged for eoc (S1) by siren.\n\n#42 S1 Checkout returns 500"},
        {"responders", json::array({{{"type", "user"}, {"username", "alice@example.com"}}})},
        {"priority", "P2"},
        {"tags", json::array({"siren", "eoc"})},
        {"details",
         {{"person", "Alice Example"},
          {"person_handle", "alice"},
          {"person_email", "alice@example.com"},
          {"siren_user", "U024BE7LH"},
          {"rotation", "eoc"},
          {"siren_severity", "S1"}}},
        {"source", "siren"}};
    CHECK(json::parse(create.request.body) == expected);

    const auto& status = f.http.requests[1];
    CHECK(status.request.method == "GET");
    CHECK(status.request.url == "http://127.0.0.1:9200/v2/alerts/requests/r1");
    CHECK(status.header("Authorization") == "GenieKey " + std::string(api_key));
    CHECK(status.request.body.empty());
}

TEST_CASE("opsgenie: siren's severities map onto P1..P5") {
    const std::pair<severity, std::string_view> mapping[] = {{severity::s0, "P1"},
                                                             {severity::s1, "P2"},
                                                             {severity::s2, "P3"},
                                                             {severity::s3, "P4"},
                                                             {severity::s4, "P5"}};
    for (auto [level, expected] : mapping) {
        fixture f;
        f.accept("/v2/alerts");
        f.processed();
        REQUIRE(run(f.pager.trigger(alice_page(level))));
        CHECK(json::parse(f.http.requests[0].request.body)["priority"] == expected);
    }
}

TEST_CASE("opsgenie: the message is cut to 130 characters on a character boundary") {
    fixture f;
    f.accept("/v2/alerts");
    f.processed();
    page_user page = alice_page();
    page.summary.clear();
    for (int i = 0; i < 100; ++i)
        page.summary += "ü日";
    REQUIRE(run(f.pager.trigger(page)));
    json body = json::parse(f.http.requests[0].request.body);
    std::string message = body["message"];
    CHECK(commands::count_characters(message) == opsgenie_pager::max_message_characters);
    CHECK(commands::is_valid_utf8(message));
    CHECK(message.ends_with("…"));
    // The description keeps the whole summary.
    CHECK(body["description"].get<std::string>().ends_with(page.summary));
}

TEST_CASE("opsgenie: a person without an e-mail gets no responder; no rotation, one tag") {
    fixture f;
    f.accept("/v2/alerts");
    f.processed();
    REQUIRE(run(f.pager.trigger(page_user{.user = "bob",
                                          .rotation = "",
                                          .summary = "",
                                          .level = severity::s4,
                                          .dedup_key = "siren-9"})));
    json body = json::parse(f.http.requests[0].request.body);
    CHECK_FALSE(body.contains("responders"));
    CHECK(body["message"] == "Page for bob");
    CHECK(body["tags"] == json::array({"siren"}));
    CHECK(body["priority"] == "P5");
    CHECK(body["description"] == "bob is paged (S4) by siren.");
}

TEST_CASE("opsgenie: a request not yet processed is polled again with growing waits") {
    fixture f;
    f.accept("/v2/alerts");
    f.pending(2);
    f.processed();
    REQUIRE(run(f.pager.trigger(alice_page())));
    REQUIRE(f.http.requests.size() == 4);
    for (std::size_t i = 1; i < 4; ++i)
        CHECK(f.http.requests[i].path() == "/v2/alerts/requests/r1");
    CHECK(f.http.requests[2].at - f.http.requests[1].at >= 1ms);
    CHECK(f.http.requests[3].at - f.http.requests[2].at >= 2ms);
}

TEST_CASE("opsgenie: a request never processed gives up as retryable after the bound") {
    fixture f;
    f.accept("/v2/alerts");
    f.pending(30);
    auto why = f.trigger_failure();
    CHECK(why.retryable);
    CHECK(why.message.find("had not processed request r1") != std::string::npos);
    // Waits of 1, 2, then 4 ms eleven times come to 47 ms; another would pass 50 ms.
    CHECK(f.http.requests.size() == 1 + 14);
}

TEST_CASE("opsgenie: a request Opsgenie could not carry out is permanent, with its status") {
    fixture f;
    f.accept("/v2/alerts");
    f.processed(false, "Alert creation failed: responder not found", "Create");
    auto why = f.trigger_failure();
    CHECK_FALSE(why.retryable);
    CHECK(why.message ==
          "Opsgenie create failed at Opsgenie: Alert creation failed: responder not found");

    // A 404 without RequestNotProcessed: the request id is unknown.
    f.accept("/v2/alerts");
    f.http.answer("/v2/alerts/requests/r1", 404, R"({"message":"Request not found"})");
    auto unknown = f.trigger_failure();
    CHECK_FALSE(unknown.retryable);
    CHECK(unknown.message == "Opsgenie create status was refused (HTTP 404: Request not found)");

    f.accept("/v2/alerts");
    f.http.answer("/v2/alerts/requests/r1", 200, R"({"data":{}})");
    CHECK(f.trigger_failure().retryable);
}

TEST_CASE("opsgenie: acknowledge and close go by alias, URL-encoded") {
    fixture f;
    f.accept("/v2/alerts/siren-42-eoc/acknowledge");
    f.processed(true, "Acknowledged alert", "Acknowledge");
    REQUIRE(run(f.pager.acknowledge("siren-42-eoc")));
    const auto& ack = f.http.requests[0];
    CHECK(ack.request.method == "POST");
    CHECK(ack.request.url ==
          "http://127.0.0.1:9200/v2/alerts/siren-42-eoc/acknowledge?identifierType=alias");
    CHECK(ack.query() == "identifierType=alias");
    CHECK(ack.header("Authorization") == "GenieKey " + std::string(api_key));
    CHECK(ack.header("Content-Type") == "application/json");
    CHECK(json::parse(ack.request.body) == json{{"source", "siren"}, {"user", "siren"}});
    CHECK(f.http.requests[1].path() == "/v2/alerts/requests/r1");

    f.accept("/v2/alerts/siren%2042%2Feoc%3F/close");
    f.processed(true, "Closed alert", "Close");
    REQUIRE(run(f.pager.resolve("siren 42/eoc?")));
    CHECK(f.http.requests[2].request.url ==
          "http://127.0.0.1:9200/v2/alerts/siren%2042%2Feoc%3F/close?identifierType=alias");
    CHECK(json::parse(f.http.requests[2].request.body) ==
          json{{"source", "siren"}, {"user", "siren"}});
}

TEST_CASE("opsgenie: acknowledging or closing an alert that is gone is a success") {
    fixture f;
    f.accept("/v2/alerts/siren-42-eoc/acknowledge");
    f.processed(false, "Alert does not exist", "Acknowledge");
    CHECK(run(f.pager.acknowledge("siren-42-eoc")));
    f.accept("/v2/alerts/siren-42-eoc/close");
    f.processed(false, "Alert does not exist", "Close");
    CHECK(run(f.pager.resolve("siren-42-eoc")));
    f.accept("/v2/alerts/siren-42-eoc/close");
    f.processed(false, "Alert is already closed", "Close");
    CHECK(run(f.pager.resolve("siren-42-eoc")));

    f.accept("/v2/alerts/siren-42-eoc/close");
    f.processed(false, "Forbidden for this team", "Close");
    auto why = f.failure_of(run(f.pager.resolve("siren-42-eoc")));
    CHECK_FALSE(why.retryable);
    CHECK(why.message == "Opsgenie close failed at Opsgenie: Forbidden for this team");

    auto no_key = f.failure_of(run(f.pager.acknowledge("")));
    CHECK_FALSE(no_key.retryable);
}

TEST_CASE("opsgenie: 401 is permanent and never shows the key") {
    fixture f;
    f.http.answer(
        "/v2/alerts", 401,
        R"({"message":"Could not authenticate with key eb243592-faa2-4ba2-a551-1afdf565c889",)"
        R"("took":0.001,"requestId":"x"})");
    auto why = f.trigger_failure();
    CHECK_FALSE(why.retryable);
    CHECK(why.message.find("Opsgenie refused the API key") != std::string::npos);
    CHECK(why.message.find("[redacted]") != std::string::npos);
    CHECK(f.http.requests.size() == 1);
}

TEST_CASE("opsgenie: 422 is permanent with Opsgenie's errors") {
    fixture f;
    f.http.answer(
        "/v2/alerts", 422,
        R"({"message":"Request body is not processable. Please check the errors.",)"
        R"("errors":{"message":"Message can not be empty."},"took":0.001,"requestId":"x"})");
    auto why = f.trigger_failure();
    CHECK_FALSE(why.retryable);
    CHECK(why.message == "Opsgenie create was refused (HTTP 422: Request body is not processable. "
                         "Please check the errors. (message: Message can not be empty.))");
}

TEST_CASE("opsgenie: 429, 5xx and transport errors are retryable, also while polling") {
    for (int status : {429, 500, 502, 503, 408}) {
        CAPTURE(status);
        fixture f;
        f.http.answer("/v2/alerts", status, R"({"message":"slow down"})");
        auto why = f.trigger_failure();
        CHECK(why.retryable);
        CHECK(why.message.find("HTTP " + std::to_string(status)) != std::string::npos);
    }
    fixture f;
    f.http.fail("/v2/alerts", make_error_code(boost::system::errc::connection_refused));
    auto refused = f.trigger_failure();
    CHECK(refused.retryable);
    CHECK(refused.message.starts_with("Opsgenie create could not be sent: "));

    f.accept("/v2/alerts");
    f.http.answer("/v2/alerts/requests/r1", 429, "");
    CHECK(f.trigger_failure().retryable);
    f.accept("/v2/alerts");
    f.http.fail("/v2/alerts/requests/r1", make_error_code(boost::system::errc::timed_out));
    CHECK(f.trigger_failure().retryable);

    for (int status : {400, 403, 404, 409}) {
        CAPTURE(status);
        fixture g;
        g.http.answer("/v2/alerts", status, R"({"message":"no"})");
        CHECK_FALSE(g.trigger_failure().retryable);
    }
}

TEST_CASE("opsgenie: without an API key nothing is sent") {
    fake_http_client http;
    opsgenie_settings settings = settings_for_test();
    settings.api_key = {};
    opsgenie_pager pager(http, settings, testing::pager_people_lookup(), fast_polling);
    auto answer = run(pager.trigger(alice_page()));
    REQUIRE_FALSE(answer);
    CHECK_FALSE(answer.error().retryable);
    CHECK(answer.error().message.find("OPSGENIE_API_KEY") != std::string::npos);
    CHECK(http.requests.empty());
}

TEST_SUITE_END();
