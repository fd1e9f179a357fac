#include "adapters/trackers/jira_tracker.hpp"

#include "adapters/pagers/http_support.hpp"
#include "adapters/pagers/json_access.hpp"
#include "adapters/trackers/tracker_http.hpp"
#include "adapters/trackers/tracker_labels.hpp"
#include "commands/text.hpp"

#include <algorithm>
#include <cctype>

namespace siren::trackers {

namespace asio = boost::asio;
using adapters::call_result;
using adapters::failed;
using adapters::tracker_issue;
using pagers::detail::json;

namespace {

constexpr std::size_t max_detail_characters = 300;
constexpr std::size_t max_summary_characters = 255;

std::string base64(std::string_view text) {
    constexpr std::string_view digits =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    std::size_t i = 0;
    for (; i + 2 < text.size(); i += 3) {
        unsigned n = (static_cast<unsigned char>(text[i]) << 16) |
                     (static_cast<unsigned char>(text[i + 1]) << 8) |
                     static_cast<unsigned char>(text[i + 2]);
        out += digits[(n >> 18) & 63];
        out += digits[(n >> 12) & 63];
        out += digits[(n >> 6) & 63];
        out += digits[n & 63];
    }
    if (i + 1 == text.size()) {
        unsigned n = static_cast<unsigned char>(text[i]) << 16;
        out += digits[(n >> 18) & 63];
        out += digits[(n >> 12) & 63];
        out += "==";
    } else if (i + 2 == text.size()) {
        unsigned n = (static_cast<unsigned char>(text[i]) << 16) |
                     (static_cast<unsigned char>(text[i + 1]) << 8);
        out += digits[(n >> 18) & 63];
        out += digits[(n >> 12) & 63];
        out += digits[(n >> 6) & 63];
        out += '=';
    }
    return out;
}

std::string priority_of(severity level) {
    switch (level) {
    case severity::s0:
        return "Highest";
    case severity::s1:
        return "High";
    case severity::s2:
        return "Medium";
    case severity::s3:
        return "Low";
    case severity::s4:
        return "Lowest";
    }
    return "Medium";
}

// Atlassian Document Format: one paragraph per line of text.
json document_of(const std::string& text) {
    json content = json::array();
    std::size_t at = 0;
    while (at <= text.size()) {
        auto end = text.find('\n', at);
        std::string line = text.substr(at, end == std::string::npos ? end : end - at);
        if (!line.empty())
            content.push_back(
                {{"type", "paragraph"}, {"content", {{{"type", "text"}, {"text", line}}}}});
        if (end == std::string::npos)
            break;
        at = end + 1;
    }
    return {{"type", "doc"}, {"version", 1}, {"content", std::move(content)}};
}

// {"errorMessages": ["..."], "errors": {"summary": "..."}}, joined.
std::string jira_detail(std::string_view body) {
    auto answer = pagers::detail::parse_object(body);
    if (!answer)
        return {};
    std::string out;
    if (const json* messages = pagers::detail::find(*answer, {"errorMessages"});
        messages && messages->is_array())
        for (const json& m : *messages)
            if (m.is_string())
                out.append(out.empty() ? "" : "; ").append(m.get<std::string>());
    if (const json* errors = pagers::detail::find(*answer, {"errors"});
        errors && errors->is_object())
        for (const auto& [field, m] : errors->items())
            if (m.is_string())
                out.append(out.empty() ? "" : "; ").append(field + ": " + m.get<std::string>());
    return commands::shorten(out, max_detail_characters);
}

bool same_name(std::string_view a, std::string_view b) {
    return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](char x, char y) {
        return std::tolower(static_cast<unsigned char>(x)) ==
               std::tolower(static_cast<unsigned char>(y));
    });
}

} // namespace

jira_tracker::jira_tracker(net::http_client& http, const tracker_settings& settings)
    : http_(http)
    , base_url_(settings.base_url)
    , project_(settings.project)
    , issue_type_(settings.issue_type)
    , done_transition_(settings.done_transition)
    , token_(settings.token.value)
    , authorization_("Basic " + base64(settings.email + ":" + settings.token.value)) {}

asio::awaitable<call_result<net::http_response>>
jira_tracker::call(std::string action, std::string method, std::string path, std::string body) {
    std::string name = "Jira " + action;
    if (token_.empty()) {
        adapters::failure refusal{
            .retryable = false, .message = name + ": no API token is configured (JIRA_API_TOKEN)"};
        co_return failed(std::move(refusal));
    }
    auto request = json_request(std::move(method), base_url_ + path,
                                {"Authorization", authorization_}, std::move(body));
    auto response = co_await send_to_service(http_, name, "Jira", std::move(request));
    if (!response)
        co_return failed(response.error());
    int status = response->status;
    if (status >= 200 && status <= 299)
        co_return std::move(*response);
    std::string detail = jira_detail(response->body);
    if (status == 401)
        detail = "the e-mail and API token were refused" + (detail.empty() ? "" : ": " + detail);
    co_return failed(refused(name, status, detail, token_));
}

asio::awaitable<call_result<tracker_issue>> jira_tracker::create_issue(adapters::new_issue issue) {
    json labels = {"siren", issue.marker};
    if (issue.level)
        labels.push_back(severity_label(*issue.level));
    if (issue.incident)
        labels.push_back(stage_label(stage::declared));
    if (issue.near_miss)
        labels.push_back(std::string(near_miss_label));
    std::string summary = issue.title.size() > max_summary_characters
                              ? issue.title.substr(0, max_summary_characters)
                              : issue.title;
    json fields = {{"project", {{"key", project_}}},
                   {"summary", summary},
                   {"issuetype", {{"name", issue_type_}}},
                   {"labels", std::move(labels)},
                   {"description", document_of(issue.description)}};
    if (issue.level)
        fields["priority"] = {{"name", priority_of(*issue.level)}};
    json body = {{"fields", std::move(fields)}};
    std::string text = pagers::detail::to_text(body);
    auto response = co_await call("create issue", "POST", "/rest/api/3/issue", std::move(text));
    if (!response)
        co_return failed(response.error());
    auto answer = pagers::detail::parse_object(response->body);
    std::string key = answer ? pagers::detail::text_at(*answer, {"key"}) : std::string();
    if (key.empty()) {
        adapters::failure refusal{.retryable = false,
                                  .message = "Jira create issue: the answer names no issue (key)"};
        co_return failed(std::move(refusal));
    }
    tracker_issue made{.key = key, .url = base_url_ + "/browse/" + key};
    co_return made;
}

asio::awaitable<call_result<std::optional<tracker_issue>>>
jira_tracker::find_issue(std::string marker) {
    std::string jql =
        "project = \"" + project_ + "\" AND labels = \"" + marker + "\" ORDER BY created ASC";
    std::string path = "/rest/api/3/search/jql?jql=" + pagers::detail::url_encode(jql) +
                       "&fields=key&maxResults=5";
    auto response = co_await call("find issue", "GET", std::move(path), "");
    if (!response)
        co_return failed(response.error());
    auto answer = pagers::detail::parse_object(response->body);
    const json* found = answer ? pagers::detail::find(*answer, {"issues"}) : nullptr;
    if (found == nullptr || !found->is_array()) {
        adapters::failure refusal{.retryable = true,
                                  .message = "Jira find issue: the answer has no list of issues"};
        co_return failed(std::move(refusal));
    }
    for (const json& item : *found) {
        std::string key = pagers::detail::text_at(item, {"key"});
        if (key.empty())
            continue;
        std::optional<tracker_issue> first(
            tracker_issue{.key = key, .url = base_url_ + "/browse/" + key});
        co_return first;
    }
    co_return std::optional<tracker_issue>();
}

asio::awaitable<call_result<>> jira_tracker::update_issue(std::string key,
                                                          adapters::issue_state state) {
    std::string wanted_severity = severity_label(state.level);
    std::string wanted_stage = stage_label(state.current);
    json labels = json::array();
    for (const auto& l : all_severity_labels())
        if (l != wanted_severity)
            labels.push_back({{"remove", l}});
    for (const auto& l : all_stage_labels())
        if (l != wanted_stage)
            labels.push_back({{"remove", l}});
    labels.push_back({{"add", wanted_severity}});
    labels.push_back({{"add", wanted_stage}});
    json body = {{"fields", {{"priority", {{"name", priority_of(state.level)}}}}},
                 {"update", {{"labels", std::move(labels)}}}};
    std::string text = pagers::detail::to_text(body);
    std::string issue_path = "/rest/api/3/issue/" + pagers::detail::url_encode(key);
    auto edited = co_await call("update issue", "PUT", issue_path, std::move(text));
    if (!edited)
        co_return failed(edited.error());
    if (is_open(state.current))
        co_return adapters::succeeded();
    auto offered = co_await call("list transitions", "GET", issue_path + "/transitions", "");
    if (!offered)
        co_return failed(offered.error());
    auto answer = pagers::detail::parse_object(offered->body);
    const json* transitions = answer ? pagers::detail::find(*answer, {"transitions"}) : nullptr;
    std::string id;
    if (transitions != nullptr && transitions->is_array())
        for (const json& t : *transitions)
            if (same_name(pagers::detail::text_at(t, {"name"}), done_transition_) ||
                same_name(pagers::detail::text_at(t, {"to", "name"}), done_transition_)) {
                id = pagers::detail::text_at(t, {"id"});
                break;
            }
    if (id.empty())
        co_return adapters::succeeded(); // nowhere to go: done already
    json move = {{"transition", {{"id", id}}}};
    std::string move_text = pagers::detail::to_text(move);
    auto moved =
        co_await call("close issue", "POST", issue_path + "/transitions", std::move(move_text));
    if (!moved)
        co_return failed(moved.error());
    co_return adapters::succeeded();
}

} // namespace siren::trackers
