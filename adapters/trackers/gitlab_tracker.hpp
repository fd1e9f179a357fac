#pragma once
// GitLab issues over the REST API v4 (tracker.kind: gitlab): the incident's issue has
// issue_type incident; every issue siren makes carries the labels `siren` and its marker.
// Severity and stage are scoped labels ("severity::S1", "stage::investigating"), replaced with
// add_labels/remove_labels so labels people add are kept. Authenticated by PRIVATE-TOKEN.

#include "adapters/net/http_client.hpp"
#include "adapters/tracker.hpp"
#include "core/settings.hpp"

namespace siren::trackers {

class gitlab_tracker final : public adapters::tracker {
public:
    // Uses base_url, project and token. http must outlive the tracker and every call.
    gitlab_tracker(net::http_client& http, const tracker_settings& settings);

    std::string_view kind() const override { return "gitlab"; }

    // POST /projects/:id/issues. Answers: 201: the issue (iid, web_url). 400, 401, 403, 404,
    // 422: permanent, with GitLab's message. 429: retryable after Retry-After. 408, 5xx, no
    // answer: retryable, and the outcome unknown (GitLab may have made the issue).
    [[nodiscard]] boost::asio::awaitable<adapters::call_result<adapters::tracker_issue>>
    create_issue(adapters::new_issue issue) override;
    // GET /projects/:id/issues?labels=<marker>: the oldest such issue.
    [[nodiscard]] boost::asio::awaitable<
        adapters::call_result<std::optional<adapters::tracker_issue>>>
    find_issue(std::string marker) override;
    // PUT /projects/:id/issues/:iid with add_labels, remove_labels and state_event.
    [[nodiscard]] boost::asio::awaitable<adapters::call_result<>>
    update_issue(std::string key, adapters::issue_state state) override;

private:
    [[nodiscard]] boost::asio::awaitable<adapters::call_result<net::http_response>>
    call(std::string action, std::string method, std::string path, std::string body);

    net::http_client& http_;
    std::string api_; // "https://gitlab.com/api/v4/projects/group%2Fproject"
    std::string token_;
};

} // namespace siren::trackers
