#include "adapters/slack/web_api.hpp"

#include "adapters/slack/json_access.hpp"

#include <algorithm>
#include <array>
#include <charconv>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

namespace siren::slack {

namespace asio = boost::asio;
using adapters::call_result;
using adapters::failed;
using detail::json;

namespace {

constexpr std::string_view json_type = "application/json; charset=utf-8";
// Slack warns superfluous_charset when a form body declares one.
constexpr std::string_view form_type = "application/x-www-form-urlencoded";
// Slack always sends Retry-After with a 429; a proxy's 429 without one waits as long as the
// Python SDK does.
constexpr seconds default_retry_after{30};

constexpr std::array<std::string_view, 6> retryable_errors = {
    "ratelimited", "rate_limited",        "internal_error",
    "fatal_error", "service_unavailable", "request_timeout"};
constexpr std::array<std::string_view, 8> auth_errors = {
    "invalid_auth",  "not_authed",    "account_inactive",       "token_revoked",
    "token_expired", "team_disabled", "user_removed_from_team", "not_allowed_token_type"};

template <std::size_t n>
bool contains(const std::array<std::string_view, n>& list, std::string_view code) {
    return std::find(list.begin(), list.end(), code) != list.end();
}

bool is_unreserved(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '.' || c == '_' || c == '~';
}

void append_percent_encoded(std::string& out, std::string_view text) {
    constexpr std::string_view hex = "0123456789ABCDEF";
    for (char c : text) {
        if (is_unreserved(c)) {
            out += c;
            continue;
        }
        auto byte = static_cast<unsigned char>(c);
        out += '%';
        out += hex[byte >> 4];
        out += hex[byte & 0x0F];
    }
}

std::string form_encode(const form_fields& fields) {
    std::string out;
    for (const auto& [name, value] : fields) {
        if (!out.empty())
            out += '&';
        append_percent_encoded(out, name);
        out += '=';
        append_percent_encoded(out, value);
    }
    return out;
}

bool equals_ignoring_case(std::string_view a, std::string_view b) {
    return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](char x, char y) {
        auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; };
        return lower(x) == lower(y);
    });
}

// Integer seconds, as Slack sends it.
seconds retry_after_of(const net::http_response& response) {
    for (const auto& [name, value] : response.headers) {
        if (!equals_ignoring_case(name, "Retry-After"))
            continue;
        long long parsed = 0;
        auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), parsed);
        if (error == std::errc() && end == value.data() + value.size() && parsed >= 0)
            return seconds{parsed};
        break;
    }
    return default_retry_after;
}

std::string slack_messages(const json& answer) {
    const json* messages = detail::find(answer, {"response_metadata", "messages"});
    std::string joined;
    if (messages && messages->is_array())
        for (const auto& m : *messages)
            if (m.is_string())
                joined.append(joined.empty() ? "" : "; ").append(m.get<std::string>());
    return joined;
}

} // namespace

web_api::web_api(net::http_client& http, std::string api_base_url, std::string bot_token,
                 rate_limiter& limits, std::function<steady_time()> now,
                 ratelimited_hook on_ratelimited)
    : http_(http)
    , base_url_(std::move(api_base_url))
    , bot_token_(std::move(bot_token))
    , limits_(limits)
    , now_(std::move(now))
    , on_ratelimited_(std::move(on_ratelimited)) {}

asio::awaitable<call_result<std::string>> web_api::call(std::string method, std::string json_body) {
    std::string channel;
    if (auto body = detail::parse_object(json_body))
        channel = detail::text_at(*body, {"channel"});
    co_return co_await send(std::move(method), std::string(json_type), std::move(json_body),
                            bot_token_, std::move(channel));
}

asio::awaitable<call_result<std::string>> web_api::call_form(std::string method,
                                                             form_fields fields) {
    std::string channel;
    for (const auto& [name, value] : fields)
        if (name == "channel")
            channel = value;
    co_return co_await send(std::move(method), std::string(form_type), form_encode(fields),
                            bot_token_, std::move(channel));
}

asio::awaitable<call_result<std::string>> web_api::open_socket_url(std::string app_token) {
    auto answer = co_await send("apps.connections.open", std::string(form_type), "",
                                std::move(app_token), "");
    if (!answer)
        co_return failed(answer.error());
    auto parsed = detail::parse_object(*answer);
    std::string url = parsed ? detail::text_at(*parsed, {"url"}) : std::string();
    if (url.empty())
        co_return failed(
            {.retryable = true, .message = "apps.connections.open answered ok without a url"});
    co_return url;
}

asio::awaitable<call_result<>> web_api::upload_bytes(std::string url, std::string body,
                                                     std::string content_type) {
    net::http_request request;
    request.url = std::move(url);
    request.headers = {{"Content-Type", std::move(content_type)}};
    request.body = std::move(body);
    auto response = co_await http_.send(std::move(request));
    if (!response) {
        adapters::failure cut{.retryable = true,
                              .message = "the file upload could not be sent: " +
                                         response.error().message(),
                              .outcome_unknown = net::may_have_reached_server(response.error())};
        co_return failed(std::move(cut));
    }
    int status = response->status;
    if (status == 200)
        co_return adapters::succeeded();
    adapters::failure refused{.retryable = status >= 500 || status == 408 || status == 429,
                              .message = "the file upload got HTTP " + std::to_string(status),
                              .outcome_unknown = status >= 500};
    if (status == 429)
        refused.retry_after = retry_after_of(*response);
    co_return failed(std::move(refused));
}

asio::awaitable<call_result<std::string>> web_api::send(std::string method,
                                                        std::string content_type, std::string body,
                                                        std::string token, std::string channel) {
    net::http_request request;
    request.url = base_url_ + method;
    request.headers = {{"Authorization", "Bearer " + token},
                       {"Content-Type", std::move(content_type)}};
    request.body = std::move(body);
    asio::steady_timer timer(co_await asio::this_coro::executor);

    for (int attempt = 1;; ++attempt) {
        auto wait = limits_.wait_for(method, channel, now_());
        if (wait > max_inline_wait) {
            auto left = std::chrono::ceil<seconds>(wait);
            co_return failed({.retryable = true,
                              .message = method + " is rate limited for another " +
                                         std::to_string(left.count()) + " s",
                              .retry_after = left});
        }
        if (wait > std::chrono::steady_clock::duration::zero()) {
            timer.expires_after(wait);
            auto [ec] = co_await timer.async_wait(asio::as_tuple(asio::use_awaitable));
            if (ec)
                co_return failed({.retryable = true,
                                  .message = method + " was cancelled waiting for its rate limit"});
        }

        net::http_request attempt_request = request;
        auto response = co_await http_.send(std::move(attempt_request));
        if (!response) {
            adapters::failure cut{
                .retryable = true,
                .message = method + " could not be sent: " + response.error().message(),
                .outcome_unknown = net::may_have_reached_server(response.error())};
            co_return failed(std::move(cut));
        }
        if (response->status != 429)
            co_return answer_of(method, *response);
        if (on_ratelimited_)
            on_ratelimited_(method);

        seconds retry_after = retry_after_of(*response);
        limits_.pause(method, now_() + retry_after);
        if (attempt == max_attempts || retry_after > max_inline_wait)
            co_return failed({.retryable = true,
                              .message = method + ": ratelimited (HTTP 429, Retry-After " +
                                         std::to_string(retry_after.count()) + " s, attempt " +
                                         std::to_string(attempt) + ")",
                              .retry_after = retry_after});
    }
}

call_result<std::string> web_api::answer_of(std::string_view method,
                                            const net::http_response& response) {
    std::string name(method);
    // Slack answers 200 to everything but a rate limit; anything else came from a proxy or an
    // outage, and only an outage is worth another try.
    if (response.status != 200)
        return failed({.retryable = response.status >= 500 || response.status == 408,
                       .message = name + " got HTTP " + std::to_string(response.status),
                       .outcome_unknown = response.status >= 500});
    auto answer = detail::parse_object(response.body);
    if (!answer)
        return failed({.retryable = true, .message = name + " got an answer that is not JSON"});
    const json* ok = detail::find(*answer, {"ok"});
    if (ok && ok->is_boolean() && ok->get<bool>())
        return response.body;

    std::string code = detail::text_at(*answer, {"error"});
    if (code.empty())
        code = "unknown_error";
    if (contains(auth_errors, code))
        auth_failed_ = true;
    std::string messages = slack_messages(*answer);
    return failed(
        {.retryable = contains(retryable_errors, code),
         .message = name + ": " + code + (messages.empty() ? "" : " (" + messages + ")")});
}

call_result<> without_answer(call_result<std::string> answer) {
    if (!answer)
        return failed(answer.error());
    return adapters::succeeded();
}

std::string slack_error(const adapters::failure& f) {
    std::string_view message = f.message;
    auto colon = message.find(": ");
    if (colon == std::string_view::npos ||
        message.substr(0, colon).find(' ') != std::string_view::npos)
        return {};
    message.remove_prefix(colon + 2);
    auto end = std::find_if(message.begin(), message.end(), [](char c) {
        return !((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_');
    });
    return std::string(message.substr(0, static_cast<std::size_t>(end - message.begin())));
}

} // namespace siren::slack
