#pragma once
// Jira Cloud issues over the REST API v3 (tracker.kind: jira), with basic authentication
// (JIRA_EMAIL and JIRA_API_TOKEN). Severity is the issue's priority (S0 Highest … S4 Lowest)
// and a `severity::S1` label, the stage a `stage::…` label; a resolved incident moves the issue
// through the `done_transition`. Every issue carries the labels `siren` and its marker, found
// again with the JQL `labels = <marker>`.

#include "adapters/net/http_client.hpp"
#include "adapters/tracker.hpp"
#include "core/settings.hpp"

namespace siren::trackers {

class jira_tracker final : public adapters::tracker {
public:
    // Uses base_url, project, issue_type, done_transition, email and token. http must outlive
    // the tracker and every call.
    jira_tracker(net::http_client& http, const tracker_settings& settings);

    std::string_view kind() const override { return "jira"; }

    // POST /rest/api/3/issue. 201: the issue (key; URL <base>/browse/<key>). 400, 401, 403,
    // 404: permanent with Jira's errorMessages and errors. 429: retryable after Retry-After.
    // 5xx, no answer: retryable, the outcome unknown.
    [[nodiscard]] boost::asio::awaitable<adapters::call_result<adapters::tracker_issue>>
    create_issue(adapters::new_issue issue) override;
    // GET /rest/api/3/search/jql with `labels = <marker> ORDER BY created ASC`.
    [[nodiscard]] boost::asio::awaitable<
        adapters::call_result<std::optional<adapters::tracker_issue>>>
    find_issue(std::string marker) override;
    // PUT /rest/api/3/issue/<key> (priority, labels); once resolved, the done transition
    // (GET then POST /rest/api/3/issue/<key>/transitions). An issue that offers no such
    // transition is taken as done already. Reopening is left to people.
    [[nodiscard]] boost::asio::awaitable<adapters::call_result<>>
    update_issue(std::string key, adapters::issue_state state) override;

private:
    [[nodiscard]] boost::asio::awaitable<adapters::call_result<net::http_response>>
    call(std::string action, std::string method, std::string path, std::string body);

    net::http_client& http_;
    std::string base_url_;
    std::string project_;
    std::string issue_type_;
    std::string done_transition_;
    std::string token_;
    std::string authorization_; // "Basic <base64 of email:token>"
};

} // namespace siren::trackers
