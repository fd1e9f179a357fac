#include "adapters/trackers/jira_tracker.hpp"
#include "tests/unit/slack/fake_http_client.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

using namespace siren;
using namespace siren::trackers;
using nlohmann::json;
using siren::testing::fake_http_client;
using siren::testing::run;

namespace {

constexpr std::string_view token = "j1ra-s3cr3t";

tracker_settings settings_for_test() {
    tracker_settings s;
    s.kind = tracker_kind::jira;
    s.base_url = "http://127.0.0.1:9400";
    s.project = "OPS";
    s.email = "siren@example.com";
    s.token = {.value = std::string(token), .source = "env JIRA_API_TOKEN"};
    return s;
}

adapters::new_issue incident_issue() {
    return {.title = "#12 Checkout returns 500",
            .description = "Incident #12 (S1)\n\nService: checkout",
            .marker = "siren-incident-12",
            .incident = true,
            .level = severity::s1,
            .near_miss = false};
}

struct fixture {
    fake_http_client http;
    jira_tracker tracker{http, settings_for_test()};

    json body_of(std::size_t n) const { return json::parse(http.requests.at(n).request.body); }
};

} // namespace

TEST_SUITE_BEGIN("jira");

TEST_CASE("jira: an issue has project, type, priority, labels, ADF and basic auth") {
    fixture f;
    f.http.answer("/rest/api/3/issue", 201, R"({"id":"10001","key":"OPS-7","self":"x"})");
    auto made = run(f.tracker.create_issue(incident_issue()));
    REQUIRE(made.has_value());
    CHECK(made->key == "OPS-7");
    CHECK(made->url == "http://127.0.0.1:9400/browse/OPS-7");
    const auto& sent = f.http.requests[0];
    // base64("siren@example.com:j1ra-s3cr3t")
    CHECK(sent.header("Authorization") == "Basic c2lyZW5AZXhhbXBsZS5jb206ajFyYS1zM2NyM3Q=");
    json fields = f.body_of(0)["fields"];
    CHECK(fields["project"]["key"] == "OPS");
    CHECK(fields["issuetype"]["name"] == "Task");
    CHECK(fields["priority"]["name"] == "High");
    CHECK(fields["summary"] == "#12 Checkout returns 500");
    CHECK(fields["labels"] ==
          json{"siren", "siren-incident-12", "severity::S1", "stage::declared"});
    CHECK(fields["description"]["type"] == "doc");
    CHECK(fields["description"]["content"].size() == 2);
}

TEST_CASE("jira: find_issue asks JQL for the marker label") {
    fixture f;
    f.http.answer("/rest/api/3/search/jql", 200, R"({"issues":[{"id":"1","key":"OPS-7"}]})");
    auto found = run(f.tracker.find_issue("siren-incident-12"));
    REQUIRE(found.has_value());
    REQUIRE(found->has_value());
    CHECK((*found)->key == "OPS-7");
    CHECK(f.http.requests[0].query().find("siren-incident-12") != std::string::npos);
}

TEST_CASE("jira: resolving edits priority and labels, then takes the Done transition") {
    fixture f;
    f.http.answer("/rest/api/3/issue/OPS-7", 204, "");
    f.http.answer("/rest/api/3/issue/OPS-7/transitions", 200,
                  R"({"transitions":[{"id":"21","name":"Start","to":{"name":"In Progress"}},)"
                  R"({"id":"31","name":"Finish","to":{"name":"Done"}}]})");
    f.http.answer("/rest/api/3/issue/OPS-7/transitions", 204, "");
    auto done = run(f.tracker.update_issue(
        "OPS-7", adapters::issue_state{.level = severity::s3, .current = stage::resolved}));
    REQUIRE(done.has_value());
    REQUIRE(f.http.requests.size() == 3);
    CHECK(f.http.requests[0].request.method == "PUT");
    CHECK(f.body_of(0)["fields"]["priority"]["name"] == "Low");
    CHECK(f.http.requests[2].request.method == "POST");
    CHECK(f.body_of(2)["transition"]["id"] == "31");
}

TEST_CASE("jira: refusals are permanent with Jira's messages and never the token") {
    fixture f;
    f.http.answer("/rest/api/3/issue", 400,
                  R"({"errorMessages":[],"errors":{"priority":"Specify a valid priority"}})");
    auto answer = run(f.tracker.create_issue(incident_issue()));
    REQUIRE_FALSE(answer.has_value());
    CHECK_FALSE(answer.error().retryable);
    CHECK(answer.error().message.find("priority: Specify a valid priority") != std::string::npos);

    f.http.answer("/rest/api/3/issue", 429, "", {{"Retry-After", "12"}});
    answer = run(f.tracker.create_issue(incident_issue()));
    REQUIRE_FALSE(answer.has_value());
    CHECK(answer.error().retryable);
    CHECK(answer.error().retry_after == seconds{12});

    f.http.answer("/rest/api/3/issue", 401, "Client must be authenticated");
    answer = run(f.tracker.create_issue(incident_issue()));
    REQUIRE_FALSE(answer.has_value());
    CHECK_FALSE(answer.error().retryable);
    CHECK(answer.error().message.find(token) == std::string::npos);
}

TEST_SUITE_END();
