#include "adapters/trackers/gitlab_tracker.hpp"

#include "adapters/pagers/http_support.hpp"
#include "adapters/pagers/json_access.hpp"
#include "adapters/trackers/tracker_http.hpp"
#include "adapters/trackers/tracker_labels.hpp"
#include "commands/text.hpp"

namespace siren::trackers {

namespace asio = boost::asio;
using adapters::call_result;
using adapters::failed;
using adapters::tracker_issue;
using pagers::detail::json;

namespace {

constexpr std::size_t max_detail_characters = 300;

// GitLab's {"message": "..."} or {"message": {"title": ["can't be blank"]}}, or {"error": "..."}.
std::string gitlab_detail(std::string_view body) {
    auto answer = pagers::detail::parse_object(body);
    if (!answer)
        return {};
    std::string out;
    if (const json* message = pagers::detail::find(*answer, {"message"})) {
        if (message->is_string())
            out = message->get<std::string>();
        else if (message->is_object() || message->is_array())
            out = pagers::detail::to_text(*message);
    }
    if (out.empty())
        out = pagers::detail::text_at(*answer, {"error"});
    return commands::shorten(out, max_detail_characters);
}

std::string joined(const std::vector<std::string>& labels) {
    std::string out;
    for (const auto& l : labels)
        out.append(out.empty() ? "" : ",").append(l);
    return out;
}

std::optional<tracker_issue> issue_of(const json& object) {
    const json* iid = pagers::detail::find(object, {"iid"});
    if (iid == nullptr || !iid->is_number_integer())
        return std::nullopt;
    return tracker_issue{.key = std::to_string(iid->get<std::int64_t>()),
                         .url = pagers::detail::text_at(object, {"web_url"})};
}

} // namespace

gitlab_tracker::gitlab_tracker(net::http_client& http, const tracker_settings& settings)
    : http_(http)
    , api_(settings.base_url + "/api/v4/projects/" + pagers::detail::url_encode(settings.project))
    , token_(settings.token.value) {}

asio::awaitable<call_result<net::http_response>>
gitlab_tracker::call(std::string action, std::string method, std::string path, std::string body) {
    std::string name = "GitLab " + action;
    if (token_.empty()) {
        adapters::failure refusal{.retryable = false,
                                  .message = name + ": no token is configured (GITLAB_TOKEN)"};
        co_return failed(std::move(refusal));
    }
    auto request =
        json_request(std::move(method), api_ + path, {"PRIVATE-TOKEN", token_}, std::move(body));
    auto response = co_await send_to_service(http_, name, "GitLab", std::move(request));
    if (!response)
        co_return failed(response.error());
    int status = response->status;
    if (status >= 200 && status <= 299)
        co_return std::move(*response);
    std::string detail = gitlab_detail(response->body);
    if (status == 401)
        detail = "the token was refused" + (detail.empty() ? "" : ": " + detail);
    else if (status == 404 && detail.empty())
        detail = "no such project or issue";
    co_return failed(refused(name, status, detail, token_));
}

asio::awaitable<call_result<tracker_issue>>
gitlab_tracker::create_issue(adapters::new_issue issue) {
    std::vector<std::string> labels = {"siren", issue.marker};
    if (issue.level)
        labels.push_back(severity_label(*issue.level));
    if (issue.incident)
        labels.push_back(stage_label(stage::declared));
    if (issue.near_miss)
        labels.push_back(std::string(near_miss_label));
    json body = {{"title", issue.title},
                 {"description", issue.description},
                 {"labels", joined(labels)},
                 {"issue_type", issue.incident ? "incident" : "issue"}};
    std::string text = pagers::detail::to_text(body);
    auto response = co_await call("create issue", "POST", "/issues", std::move(text));
    if (!response)
        co_return failed(response.error());
    auto answer = pagers::detail::parse_object(response->body);
    auto made = answer ? issue_of(*answer) : std::nullopt;
    if (!made) {
        adapters::failure refusal{
            .retryable = false, .message = "GitLab create issue: the answer names no issue (iid)"};
        co_return failed(std::move(refusal));
    }
    co_return std::move(*made);
}

asio::awaitable<call_result<std::optional<tracker_issue>>>
gitlab_tracker::find_issue(std::string marker) {
    std::string path = "/issues?labels=" + pagers::detail::url_encode(marker) +
                       "&sort=asc&order_by=created_at&per_page=5";
    auto response = co_await call("find issue", "GET", std::move(path), "");
    if (!response)
        co_return failed(response.error());
    json list = json::parse(response->body, nullptr, false);
    if (!list.is_array()) {
        adapters::failure refusal{
            .retryable = true, .message = "GitLab find issue: the answer is not a list of issues"};
        co_return failed(std::move(refusal));
    }
    for (const json& item : list)
        if (item.is_object())
            if (auto found = issue_of(item))
                co_return std::optional<tracker_issue>(std::move(*found));
    co_return std::optional<tracker_issue>();
}

asio::awaitable<call_result<>> gitlab_tracker::update_issue(std::string key,
                                                            adapters::issue_state state) {
    std::string wanted_severity = severity_label(state.level);
    std::string wanted_stage = stage_label(state.current);
    std::vector<std::string> removed;
    for (const auto& l : all_severity_labels())
        if (l != wanted_severity)
            removed.push_back(l);
    for (const auto& l : all_stage_labels())
        if (l != wanted_stage)
            removed.push_back(l);
    std::vector<std::string> added = {wanted_severity, wanted_stage};
    json body = {{"add_labels", joined(added)},
                 {"remove_labels", joined(removed)},
                 {"state_event", is_open(state.current) ? "reopen" : "close"}};
    std::string text = pagers::detail::to_text(body);
    std::string path = "/issues/" + pagers::detail::url_encode(key);
    auto response = co_await call("update issue", "PUT", std::move(path), std::move(text));
    if (!response)
        co_return failed(response.error());
    co_return adapters::succeeded();
}

} // namespace siren::trackers
