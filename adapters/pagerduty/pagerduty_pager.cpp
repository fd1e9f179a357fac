#include "adapters/pagerduty/pagerduty_pager.hpp"

#include "adapters/pagers/http_support.hpp"
#include "adapters/pagers/json_access.hpp"
#include "commands/text.hpp"

namespace siren::pagerduty {

namespace asio = boost::asio;
using adapters::call_result;
using adapters::failed;
using pagers::detail::json;

namespace {

constexpr std::size_t max_detail_characters = 500;

std::string_view severity_of(severity level) {
    switch (level) {
    case severity::s0:
    case severity::s1:
        return "critical";
    case severity::s2:
        return "error";
    case severity::s3:
        return "warning";
    case severity::s4:
        return "info";
    }
    return "error";
}

std::string summary_of(const page_user& page, std::string_view name) {
    std::string out(name);
    out += page.rotation.empty() ? " paged" : " paged for " + page.rotation;
    out.append(" (").append(to_string(page.level)).append(")");
    if (!page.summary.empty())
        out.append(": ").append(page.summary);
    return commands::shorten(out, pagerduty_pager::max_summary_characters);
}

// "Event object is invalid: Length of 'routing_key' is incorrect; …" from
// {"status","message","errors":[…]}; empty when the body is not such an object.
std::string events_detail(std::string_view body) {
    auto answer = pagers::detail::parse_object(body);
    if (!answer)
        return {};
    std::string out = pagers::detail::text_at(*answer, {"message"});
    std::string listed = pagers::detail::errors_listed(*answer);
    if (!listed.empty())
        out.append(out.empty() ? "" : ": ").append(listed);
    return commands::shorten(out, max_detail_characters);
}

call_result<> answer_of(std::string_view action, const net::http_response& response,
                        std::string_view routing_key) {
    if (response.status >= 200 && response.status <= 299)
        return adapters::succeeded();
    std::string name = "PagerDuty " + std::string(action);
    std::string status = "HTTP " + std::to_string(response.status);
    if (pagers::detail::is_transient(response.status))
        return failed(
            {.retryable = true,
             .message = name +
                        (response.status == 429 ? ": rate limited by PagerDuty (" : " failed (") +
                        status + ")"});
    std::string detail = events_detail(response.body);
    std::string said = status + (detail.empty() ? "" : ": " + detail);
    return failed(
        {.retryable = false,
         .message = pagers::detail::redacted(name + " was refused (" + said + ")", routing_key)});
}

} // namespace

pagerduty_pager::pagerduty_pager(net::http_client& http, const pagerduty_settings& settings,
                                 pagers::person_lookup find_person)
    : http_(http)
    , events_api_url_(settings.events_api_url)
    , routing_key_(settings.routing_key.value)
    , find_person_(std::move(find_person)) {}

asio::awaitable<call_result<>> pagerduty_pager::trigger(page_user page) {
    if (page.dedup_key.empty())
        co_return failed(
            {.retryable = false, .message = "PagerDuty trigger: the page has no dedup key"});
    const person* who = find_person_ ? find_person_(page.user) : nullptr;
    std::string name = pagers::display_name(who, page.user);
    json payload = {{"summary", summary_of(page, name)},
                    {"source", "siren"},
                    {"severity", severity_of(page.level)},
                    {"custom_details", pagers::detail::page_details(page, who, name)}};
    if (!page.rotation.empty())
        payload["component"] = page.rotation;
    json event = {{"routing_key", routing_key_},
                  {"event_action", "trigger"},
                  {"dedup_key", page.dedup_key},
                  {"payload", std::move(payload)}};
    std::string body = pagers::detail::to_text(event);
    co_return co_await send_event("trigger", std::move(body));
}

asio::awaitable<call_result<>> pagerduty_pager::acknowledge(std::string dedup_key) {
    co_return co_await change("acknowledge", std::move(dedup_key));
}

asio::awaitable<call_result<>> pagerduty_pager::resolve(std::string dedup_key) {
    co_return co_await change("resolve", std::move(dedup_key));
}

asio::awaitable<call_result<>> pagerduty_pager::change(std::string action, std::string dedup_key) {
    if (dedup_key.empty())
        co_return failed({.retryable = false, .message = "PagerDuty " + action + ": no dedup key"});
    json event = {
        {"routing_key", routing_key_}, {"event_action", action}, {"dedup_key", dedup_key}};
    std::string body = pagers::detail::to_text(event);
    co_return co_await send_event(std::move(action), std::move(body));
}

asio::awaitable<call_result<>> pagerduty_pager::send_event(std::string action, std::string body) {
    if (routing_key_.empty())
        co_return failed({.retryable = false,
                          .message = "PagerDuty " + action +
                                     ": no routing key is configured (PAGERDUTY_ROUTING_KEY)"});
    net::http_request request;
    request.url = events_api_url_;
    request.headers = {{"Content-Type", "application/json"}};
    request.body = std::move(body);
    auto response = co_await http_.send(std::move(request));
    if (!response)
        co_return failed(pagers::detail::unreachable("PagerDuty " + action, response.error()));
    co_return answer_of(action, *response, routing_key_);
}

} // namespace siren::pagerduty
