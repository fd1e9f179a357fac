#include "adapters/trackers/gitlab_tracker.hpp"
#include "tests/unit/slack/fake_http_client.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

using namespace siren;
using namespace siren::trackers;
using nlohmann::json;
using siren::testing::fake_http_client;
using siren::testing::run;

namespace {

constexpr std::string_view token = "glpat-s3cr3t-t0ken";
const std::string issues = "/api/v4/projects/ops%2Fincidents/issues";

tracker_settings settings_for_test() {
    tracker_settings s;
    s.kind = tracker_kind::gitlab;
    s.base_url = "http://127.0.0.1:9300";
    s.project = "ops/incidents";
    s.token = {.value = std::string(token), .source = "env GITLAB_TOKEN"};
    return s;
}

adapters::new_issue incident_issue() {
    return {.title = "#12 Checkout returns 500",
            .description = "Incident #12 (S1)",
            .marker = "siren-incident-12",
            .incident = true,
            .level = severity::s1,
            .near_miss = true};
}

std::vector<std::string> labels_of(const json& body, const char* key) {
    std::vector<std::string> out;
    std::string text = body[key].get<std::string>();
    for (std::size_t at = 0; at <= text.size();) {
        auto comma = text.find(',', at);
        out.push_back(text.substr(at, comma == std::string::npos ? comma : comma - at));
        if (comma == std::string::npos)
            break;
        at = comma + 1;
    }
    return out;
}

bool has(const std::vector<std::string>& all, std::string_view one) {
    return std::find(all.begin(), all.end(), one) != all.end();
}

struct fixture {
    fake_http_client http;
    gitlab_tracker tracker{http, settings_for_test()};

    json last_body() const { return json::parse(http.requests.back().request.body); }

    adapters::failure create_failure() {
        auto answer = run(tracker.create_issue(incident_issue()));
        REQUIRE_FALSE(answer.has_value());
        CHECK(answer.error().message.find(token) == std::string::npos);
        return answer.error();
    }
};

} // namespace

TEST_SUITE_BEGIN("gitlab");

TEST_CASE("gitlab: an incident issue has its type, labels and the token header") {
    fixture f;
    CHECK(f.tracker.kind() == "gitlab");
    f.http.answer(
        issues, 201,
        R"({"id":1001,"iid":17,"web_url":"https://gitlab.example/ops/incidents/-/issues/17"})");
    auto made = run(f.tracker.create_issue(incident_issue()));
    REQUIRE(made.has_value());
    CHECK(made->key == "17");
    CHECK(made->url == "https://gitlab.example/ops/incidents/-/issues/17");

    REQUIRE(f.http.requests.size() == 1);
    const auto& sent = f.http.requests[0];
    CHECK(sent.request.method == "POST");
    CHECK(sent.path() == issues);
    CHECK(sent.header("PRIVATE-TOKEN") == std::string(token));
    CHECK(sent.header("Content-Type") == "application/json");
    json body = f.last_body();
    CHECK(body["title"] == "#12 Checkout returns 500");
    CHECK(body["issue_type"] == "incident");
    auto labels = labels_of(body, "labels");
    CHECK(has(labels, "siren"));
    CHECK(has(labels, "siren-incident-12"));
    CHECK(has(labels, "severity::S1"));
    CHECK(has(labels, "stage::declared"));
    CHECK(has(labels, "near-miss"));
}

TEST_CASE("gitlab: a follow-up is a plain issue without severity") {
    fixture f;
    f.http.answer(issues, 201, R"({"iid":18,"web_url":"u"})");
    auto action = incident_issue();
    action.incident = false;
    action.level.reset();
    action.near_miss = false;
    action.marker = "siren-action-12-1";
    REQUIRE(run(f.tracker.create_issue(action)).has_value());
    json body = f.last_body();
    CHECK(body["issue_type"] == "issue");
    auto labels = labels_of(body, "labels");
    CHECK(labels == std::vector<std::string>{"siren", "siren-action-12-1"});
}

TEST_CASE("gitlab: find_issue searches by the marker label") {
    fixture f;
    f.http.answer(issues, 200, R"([{"iid":17,"web_url":"https://g/17"},{"iid":19}])");
    auto found = run(f.tracker.find_issue("siren-incident-12"));
    REQUIRE(found.has_value());
    REQUIRE(found->has_value());
    CHECK((*found)->key == "17");
    CHECK(f.http.requests[0].request.method == "GET");
    CHECK(f.http.requests[0].query().find("labels=siren-incident-12") != std::string::npos);

    f.http.answer(issues, 200, "[]");
    auto none = run(f.tracker.find_issue("siren-incident-13"));
    REQUIRE(none.has_value());
    CHECK_FALSE(none->has_value());
}

TEST_CASE("gitlab: an update swaps the severity and stage labels and closes when resolved") {
    fixture f;
    f.http.answer(issues + "/17", 200, R"({"iid":17})");
    REQUIRE(run(f.tracker.update_issue(
        "17", adapters::issue_state{.level = severity::s2, .current = stage::resolved})));
    const auto& sent = f.http.requests[0];
    CHECK(sent.request.method == "PUT");
    json body = f.last_body();
    CHECK(body["state_event"] == "close");
    auto added = labels_of(body, "add_labels");
    CHECK(added == std::vector<std::string>{"severity::S2", "stage::resolved"});
    auto removed = labels_of(body, "remove_labels");
    CHECK(has(removed, "severity::S1"));
    CHECK(has(removed, "stage::declared"));
    CHECK_FALSE(has(removed, "severity::S2"));
    CHECK_FALSE(has(removed, "stage::resolved"));

    f.http.answer(issues + "/17", 200, R"({"iid":17})");
    REQUIRE(run(f.tracker.update_issue(
        "17", adapters::issue_state{.level = severity::s2, .current = stage::investigating})));
    CHECK(f.last_body()["state_event"] == "reopen");
}

TEST_CASE("gitlab: refusals are permanent and never show the token") {
    fixture f;
    f.http.answer(issues, 401, R"({"message":"401 Unauthorized"})");
    auto why = f.create_failure();
    CHECK_FALSE(why.retryable);
    CHECK(why.message.find("401") != std::string::npos);
    CHECK(why.message.find("token") != std::string::npos);

    f.http.answer(issues, 404, R"({"message":"404 Project Not Found"})");
    why = f.create_failure();
    CHECK_FALSE(why.retryable);
    CHECK(why.message.find("404 Project Not Found") != std::string::npos);

    f.http.answer(issues, 422, R"({"message":{"title":["is too long"]}})");
    why = f.create_failure();
    CHECK_FALSE(why.retryable);
    CHECK(why.message.find("is too long") != std::string::npos);

    f.http.answer(issues, 400, R"({"error":"title is missing"})");
    why = f.create_failure();
    CHECK_FALSE(why.retryable);
    CHECK(why.message.find("title is missing") != std::string::npos);

    // GitLab quoting the token back is redacted.
    f.http.answer(issues, 403, R"({"message":"token glpat-s3cr3t-t0ken lacks api scope"})");
    why = f.create_failure();
    CHECK(why.message.find("[redacted]") != std::string::npos);
}

TEST_CASE("gitlab: 429 waits as told; 5xx and lost answers leave a create unsure") {
    fixture f;
    f.http.answer(issues, 429, "Retry later", {{"Retry-After", "30"}});
    auto why = f.create_failure();
    CHECK(why.retryable);
    CHECK(why.retry_after == seconds{30});
    CHECK_FALSE(why.outcome_unknown);

    f.http.answer(issues, 502, "<html>bad gateway</html>");
    why = f.create_failure();
    CHECK(why.retryable);
    CHECK(why.outcome_unknown);

    f.http.fail(issues, boost::asio::error::timed_out);
    why = f.create_failure();
    CHECK(why.retryable);
    CHECK(why.outcome_unknown);

    f.http.fail(issues, boost::asio::error::connection_refused);
    why = f.create_failure();
    CHECK(why.retryable);
    CHECK_FALSE(why.outcome_unknown);
}

TEST_CASE("gitlab: without a token nothing is sent") {
    fake_http_client http;
    auto s = settings_for_test();
    s.token = {};
    gitlab_tracker tracker(http, s);
    auto answer = run(tracker.create_issue(incident_issue()));
    REQUIRE_FALSE(answer.has_value());
    CHECK_FALSE(answer.error().retryable);
    CHECK(answer.error().message.find("GITLAB_TOKEN") != std::string::npos);
    CHECK(http.requests.empty());
}

TEST_SUITE_END();
