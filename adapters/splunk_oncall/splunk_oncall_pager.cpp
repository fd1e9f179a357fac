#include "adapters/splunk_oncall/splunk_oncall_pager.hpp"

#include "adapters/pagers/http_support.hpp"
#include "adapters/pagers/json_access.hpp"
#include "commands/text.hpp"

namespace siren::splunk_oncall {

namespace asio = boost::asio;
using adapters::call_result;
using adapters::failed;
using pagers::detail::json;

namespace {

constexpr std::size_t max_detail_characters = 300;

std::string_view without_placeholder(std::string_view url) {
    constexpr std::string_view placeholder = "/$routing_key";
    while (!url.empty() && url.back() == '/')
        url.remove_suffix(1);
    if (url.size() >= placeholder.size() &&
        url.substr(url.size() - placeholder.size()) == placeholder)
        url.remove_suffix(placeholder.size());
    while (!url.empty() && url.back() == '/')
        url.remove_suffix(1);
    return url;
}

// The API key: the last path segment of the endpoint URL. Redacted on its own too, in case
// Splunk On-Call quotes it without the rest of the URL.
std::string_view api_key_of(std::string_view rest_url) {
    std::string_view base = without_placeholder(rest_url);
    auto slash = base.rfind('/');
    return slash == std::string_view::npos ? std::string_view{} : base.substr(slash + 1);
}

std::string display_name_of(const page_user& page, std::string_view name) {
    std::string out(name);
    out += page.rotation.empty() ? " paged" : " paged for " + page.rotation;
    out.append(" (").append(to_string(page.level)).append(")");
    if (!page.summary.empty())
        out.append(": ").append(page.summary);
    return commands::shorten(out, splunk_oncall_pager::max_display_name_characters);
}

std::string state_message_of(const page_user& page, std::string_view name) {
    std::string out(name);
    out += page.rotation.empty() ? " is paged" : " is paged for " + page.rotation;
    out.append(" (").append(to_string(page.level)).append(") by siren.");
    if (!page.summary.empty())
        out.append("\n\n").append(page.summary);
    out.append("\n\nAcknowledge in Slack (the page's button or `/119 ack ")
        .append(page.dedup_key)
        .append("`) or here.");
    return commands::shorten(out, splunk_oncall_pager::max_state_message_characters);
}

// {"result":"failure","message":"…"} → "…"; empty when the body says nothing of the kind.
std::string failure_detail(std::string_view body) {
    auto answer = pagers::detail::parse_object(body);
    if (!answer)
        return {};
    return commands::shorten(pagers::detail::text_at(*answer, {"message"}), max_detail_characters);
}

call_result<> answer_of(std::string_view action, const net::http_response& response) {
    std::string name = "Splunk On-Call " + std::string(action);
    std::string status = "HTTP " + std::to_string(response.status);
    if (response.status >= 200 && response.status <= 299) {
        auto answer = pagers::detail::parse_object(response.body);
        if (!answer || pagers::detail::text_at(*answer, {"result"}) != "failure")
            return adapters::succeeded();
        std::string detail = failure_detail(response.body);
        return failed(
            {.retryable = false,
             .message = name + " was refused: " + (detail.empty() ? "result failure" : detail)});
    }
    if (pagers::detail::is_transient(response.status))
        return failed({.retryable = true,
                       .message = name +
                                  (response.status == 429 ? ": rate limited by Splunk On-Call ("
                                                          : " failed (") +
                                  status + ")"});
    std::string detail = failure_detail(response.body);
    if (response.status == 401 || response.status == 403 || response.status == 404)
        return failed({.retryable = false,
                       .message = name + " was refused (" + status +
                                  "): check the API key and routing key in "
                                  "SPLUNK_ONCALL_REST_URL and paging.splunk_oncall" +
                                  (detail.empty() ? "" : ": " + detail)});
    return failed({.retryable = false,
                   .message = name + " was refused (" + status +
                              (detail.empty() ? "" : ": " + detail) + ")"});
}

adapters::failure permanent(std::string_view action, std::string_view why) {
    std::string message = "Splunk On-Call ";
    message.append(action).append(": ").append(why);
    return {.retryable = false, .message = std::move(message)};
}

} // namespace

std::string routing_key_for(const splunk_oncall_settings& settings, std::string_view rotation) {
    if (auto it = settings.routing_keys.find(std::string(rotation));
        it != settings.routing_keys.end())
        return it->second;
    if (auto colon = rotation.find(':'); colon != std::string_view::npos)
        if (auto it = settings.routing_keys.find(std::string(rotation.substr(0, colon)));
            it != settings.routing_keys.end())
            return it->second;
    return settings.routing_key;
}

std::string alert_url(std::string_view rest_url, std::string_view routing_key) {
    std::string out(without_placeholder(rest_url));
    return out.append("/").append(pagers::detail::url_encode(routing_key));
}

splunk_oncall_pager::splunk_oncall_pager(net::http_client& http,
                                         const splunk_oncall_settings& settings,
                                         pagers::person_lookup find_person,
                                         rotation_lookup rotation_of)
    : http_(http)
    , settings_(settings)
    , find_person_(std::move(find_person))
    , rotation_of_(std::move(rotation_of)) {}

asio::awaitable<call_result<>> splunk_oncall_pager::trigger(page_user page) {
    if (page.dedup_key.empty()) {
        adapters::failure why = permanent("trigger", "the page has no dedup key");
        co_return failed(std::move(why));
    }
    const person* who = find_person_ ? find_person_(page.user) : nullptr;
    std::string name = pagers::display_name(who, page.user);
    json alert = pagers::detail::page_details(page, who, name);
    alert["message_type"] = "CRITICAL";
    alert["entity_id"] = page.dedup_key;
    alert["entity_display_name"] = display_name_of(page, name);
    alert["state_message"] = state_message_of(page, name);
    alert["monitoring_tool"] = "siren";
    std::string body = pagers::detail::to_text(alert);
    std::string routing_key = routing_key_for(settings_, page.rotation);
    std::string action = "trigger";
    co_return co_await send(std::move(action), std::move(routing_key), std::move(body));
}

asio::awaitable<call_result<>> splunk_oncall_pager::acknowledge(std::string dedup_key) {
    std::string action = "acknowledge";
    std::string message_type = "ACKNOWLEDGEMENT";
    co_return co_await change(std::move(action), std::move(message_type), std::move(dedup_key));
}

asio::awaitable<call_result<>> splunk_oncall_pager::resolve(std::string dedup_key) {
    std::string action = "resolve";
    std::string message_type = "RECOVERY";
    co_return co_await change(std::move(action), std::move(message_type), std::move(dedup_key));
}

asio::awaitable<call_result<>>
splunk_oncall_pager::change(std::string action, std::string message_type, std::string dedup_key) {
    if (dedup_key.empty()) {
        adapters::failure why = permanent(action, "no dedup key");
        co_return failed(std::move(why));
    }
    std::optional<std::string> rotation = rotation_of_ ? rotation_of_(dedup_key) : std::nullopt;
    std::string routing_key = routing_key_for(settings_, rotation.value_or(""));
    std::string said = action == "acknowledge" ? "Acknowledged in siren" : "Resolved in siren";
    json alert = {{"message_type", message_type}, {"entity_id", dedup_key},
                  {"monitoring_tool", "siren"},   {"state_message", said},
                  {"ack_author", "siren"},        {"ack_message", said}};
    std::string body = pagers::detail::to_text(alert);
    co_return co_await send(std::move(action), std::move(routing_key), std::move(body));
}

asio::awaitable<call_result<>>
splunk_oncall_pager::send(std::string action, std::string routing_key, std::string body) {
    if (settings_.rest_url.empty()) {
        adapters::failure why =
            permanent(action, "no REST endpoint URL is configured (SPLUNK_ONCALL_REST_URL)");
        co_return failed(std::move(why));
    }
    if (routing_key.empty()) {
        adapters::failure why =
            permanent(action, "no routing key (paging.splunk_oncall.routing_key)");
        co_return failed(std::move(why));
    }
    net::http_request request;
    request.url = alert_url(settings_.rest_url.value, routing_key);
    request.headers = {{"Content-Type", "application/json"}};
    request.body = std::move(body);
    auto response = co_await http_.send(std::move(request));
    call_result<> answer = adapters::succeeded();
    if (response)
        answer = answer_of(action, *response);
    else
        answer = failed(pagers::detail::unreachable("Splunk On-Call " + action, response.error()));
    if (!answer) {
        adapters::failure why = secret_free(answer.error());
        co_return failed(std::move(why));
    }
    co_return answer;
}

adapters::failure splunk_oncall_pager::secret_free(adapters::failure f) const {
    f.message = pagers::detail::redacted(std::move(f.message), settings_.rest_url.value);
    std::string_view base = without_placeholder(settings_.rest_url.value);
    f.message = pagers::detail::redacted(std::move(f.message), base);
    f.message = pagers::detail::redacted(std::move(f.message), api_key_of(base));
    return f;
}

} // namespace siren::splunk_oncall
