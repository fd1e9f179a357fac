#include "adapters/pagerduty/pagerduty_rest.hpp"

#include "adapters/pagers/http_support.hpp"
#include "adapters/pagers/json_access.hpp"
#include "commands/text.hpp"

namespace siren::pagerduty {

namespace asio = boost::asio;
using adapters::call_result;
using adapters::failed;
using pagers::detail::json;

namespace {

constexpr std::string_view accept_v2 = "application/vnd.pagerduty+json;version=2";
constexpr std::size_t max_detail_characters = 500;

// "Invalid Input Provided, code 2001: Name cannot be empty" from the error envelope
// {"error":{"message","code","errors"}}; empty when the body is not one.
std::string envelope_detail(std::string_view body) {
    auto answer = pagers::detail::parse_object(body);
    if (!answer)
        return {};
    const json* error = pagers::detail::find(*answer, {"error"});
    if (!error || !error->is_object())
        return {};
    std::string out = pagers::detail::text_at(*error, {"message"});
    const json* code = pagers::detail::find(*error, {"code"});
    if (code && code->is_number_integer())
        out.append(out.empty() ? "" : ", ")
            .append("code " + std::to_string(code->get<long long>()));
    std::string listed = pagers::detail::errors_listed(*error);
    if (!listed.empty())
        out.append(out.empty() ? "" : ": ").append(listed);
    return commands::shorten(out, max_detail_characters);
}

adapters::failure failure_of(std::string_view what, const net::http_response& response,
                             std::string_view token) {
    std::string status = "HTTP " + std::to_string(response.status);
    std::string detail = envelope_detail(response.body);
    std::string said = status + (detail.empty() ? "" : ": " + detail);
    std::string name = "PagerDuty " + std::string(what);
    if (response.status == 401 || response.status == 403)
        return {.retryable = false,
                .message = pagers::detail::redacted(
                    name + ": PagerDuty refused the API token (" + said + ")", token)};
    if (response.status == 429) {
        std::optional<seconds> reset;
        if (auto header = pagers::detail::header_of(response, "ratelimit-reset"))
            reset = pagers::detail::parse_seconds(*header);
        return {.retryable = true,
                .message = name + ": rate limited by PagerDuty (HTTP 429)",
                .retry_after = reset};
    }
    return {.retryable = pagers::detail::is_transient(response.status),
            .message = pagers::detail::redacted(name + " got " + said, token)};
}

std::string without_trailing_slash(std::string url) {
    while (!url.empty() && url.back() == '/')
        url.pop_back();
    return url;
}

} // namespace

pagerduty_rest::pagerduty_rest(net::http_client& http, const pagerduty_settings& settings)
    : http_(http)
    , base_url_(without_trailing_slash(settings.rest_api_url))
    , api_token_(settings.api_token.value) {}

asio::awaitable<call_result<std::string>> pagerduty_rest::get(std::string what,
                                                              std::string path_and_query) {
    if (api_token_.empty())
        co_return failed(
            {.retryable = false,
             .message = "PagerDuty " + what +
                        ": no PagerDuty API token is configured (PAGERDUTY_API_TOKEN)"});
    net::http_request request;
    request.method = "GET";
    request.url = base_url_ + path_and_query;
    request.headers = {{"Authorization", "Token token=" + api_token_},
                       {"Accept", std::string(accept_v2)}};
    auto response = co_await http_.send(std::move(request));
    if (!response)
        co_return failed(pagers::detail::unreachable("PagerDuty " + what, response.error()));
    if (response->status < 200 || response->status > 299)
        co_return failed(failure_of(what, *response, api_token_));
    co_return std::move(response->body);
}

asio::awaitable<call_result<std::string>> pagerduty_rest::incident_key_of(std::string incident_id) {
    if (incident_id.empty())
        co_return failed(
            {.retryable = false, .message = "PagerDuty incident lookup: no incident id"});
    std::string path = "/incidents/" + pagers::detail::url_encode(incident_id);
    auto answer = co_await get("incident lookup", std::move(path));
    if (!answer)
        co_return failed(answer.error());
    auto parsed = pagers::detail::parse_object(*answer);
    if (!parsed)
        co_return failed({.retryable = true,
                          .message = "PagerDuty incident lookup got an answer that is not JSON"});
    std::string key = pagers::detail::text_at(*parsed, {"incident", "incident_key"});
    if (key.empty())
        co_return failed({.retryable = false,
                          .message = "PagerDuty incident " + incident_id +
                                     " has no incident_key: the Events API did not open it"});
    co_return key;
}

} // namespace siren::pagerduty
