#pragma once
// Slack's Web API (protocols.md §3) over net::http_client: the token, the rate limits, 429 and
// the ok:false convention, so that callers (slack_workspace, slack_pager, the Socket Mode
// session) see a value or a failure that says whether trying again may help.
//
// Failures read "<method>: <error code>[ (Slack's messages)]" for Slack's own errors, and
// "<method> …" in words for everything else. Neither form ever holds a token.

#include "adapters/call_result.hpp"
#include "adapters/net/http_client.hpp"
#include "adapters/slack/rate_limiter.hpp"

#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <boost/asio/awaitable.hpp>

namespace siren::slack {

using form_fields = std::vector<std::pair<std::string, std::string>>;

// Told the method of every call Slack answers with HTTP 429, for the daemon's metrics; a
// callback keeps this library free of them.
using ratelimited_hook = std::function<void(std::string_view method)>;

class web_api {
public:
    // Calls that a 429 sends back are sent again up to this many times in all.
    static constexpr int max_attempts = 5;
    // A wait for a rate limit (ours or Slack's Retry-After) longer than this is not sat out
    // inside the call: it fails as retryable with retry_after, for the caller to reschedule.
    static constexpr std::chrono::seconds max_inline_wait{60};

    // api_base_url ends with '/': "https://slack.com/api/". now is a steady clock, read for the
    // rate limiter; the waits themselves run on the calling coroutine's executor. http, limits
    // and the web_api itself must outlive every call.
    web_api(net::http_client& http, std::string api_base_url, std::string bot_token,
            rate_limiter& limits, std::function<steady_time()> now,
            ratelimited_hook on_ratelimited = {});

    // POSTs json_body (a JSON object) to <base><method> with the bot token, waiting first as the
    // rate limiter says. Returns Slack's whole answer (JSON text) when it says ok:true.
    //  - HTTP 429: the method pauses for exactly Retry-After, then the call is sent again.
    //  - HTTP 5xx, timeouts, resets; ok:false with ratelimited, internal_error, fatal_error,
    //    service_unavailable or request_timeout: retryable.
    //  - ok:false with an authentication error: not retryable, and auth_failed() turns true.
    //  - any other ok:false: not retryable; slack_error() names the code.
    [[nodiscard]] boost::asio::awaitable<adapters::call_result<std::string>>
    call(std::string method, std::string json_body);

    // The same, form-encoded, for methods that ignore JSON bodies (users.info,
    // users.lookupByEmail, conversations.info).
    [[nodiscard]] boost::asio::awaitable<adapters::call_result<std::string>>
    call_form(std::string method, form_fields fields);

    // apps.connections.open with the app-level token (xapp-…) in the Authorization header and
    // an empty form body. Returns the single-use wss:// URL for the next connection.
    [[nodiscard]] boost::asio::awaitable<adapters::call_result<std::string>>
    open_socket_url(std::string app_token);

    // POSTs body as it is to a pre-signed upload URL that files.getUploadURLExternal gave (an
    // absolute https URL on files.slack.com), without a token: the URL is the authorization.
    // Slack answers 200 "OK - <length>". Any other status fails, retryably for 5xx, 408 and 429;
    // transport failures as in call(). No rate limit applies; the URL never shows in a failure.
    [[nodiscard]] boost::asio::awaitable<adapters::call_result<>>
    upload_bytes(std::string url, std::string body, std::string content_type);

    // A token was refused (invalid_auth, not_authed, token_revoked, ...): retrying cannot help,
    // and the daemon should stop and say so instead of retrying forever.
    bool auth_failed() const { return auth_failed_; }

private:
    boost::asio::awaitable<adapters::call_result<std::string>>
    send(std::string method, std::string content_type, std::string body, std::string token,
         std::string channel);
    adapters::call_result<std::string> answer_of(std::string_view method,
                                                 const net::http_response& response);

    net::http_client& http_;
    std::string base_url_;
    std::string bot_token_;
    rate_limiter& limits_;
    std::function<steady_time()> now_;
    ratelimited_hook on_ratelimited_;
    bool auth_failed_ = false;
};

// The outcome of a call whose answer nobody needs.
adapters::call_result<> without_answer(adapters::call_result<std::string> answer);

// The Slack error code ("name_taken") of a failure web_api returned for an ok:false answer;
// empty for any other failure. A copy: call_result::error() returns a temporary.
std::string slack_error(const adapters::failure& f);

} // namespace siren::slack
