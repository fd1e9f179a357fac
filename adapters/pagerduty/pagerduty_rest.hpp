#pragma once
// PagerDuty's REST API v2 (protocols.md §5.2), read-only: what the on-call source and the webhook
// receiver need, over net::http_client.
//
// Failures read "PagerDuty <what> …" and never hold the API token.

#include "adapters/call_result.hpp"
#include "adapters/net/http_client.hpp"
#include "core/settings.hpp"

#include <string>
#include <string_view>

#include <boost/asio/awaitable.hpp>

namespace siren::pagerduty {

class pagerduty_rest {
public:
    // Uses rest_api_url and api_token. http must outlive the client and every call.
    pagerduty_rest(net::http_client& http, const pagerduty_settings& settings);

    // GETs rest_api_url + path_and_query ("/oncalls?…") with the token and PagerDuty's Accept
    // header. Returns PagerDuty's answer (JSON text) for a 2xx; what names the call in failures
    // ("on-call lookup").
    //  - 401, 403: permanent, "PagerDuty refused the API token".
    //  - 429: retryable, retry_after from the ratelimit-reset header when it has one.
    //  - 408, 5xx, no answer: retryable.
    //  - any other status: permanent, with the error envelope's message, code and errors.
    [[nodiscard]] boost::asio::awaitable<adapters::call_result<std::string>>
    get(std::string what, std::string path_and_query);

    // The incident_key of PagerDuty's incident incident_id ("PGR0VU2"), which webhooks v3 carry:
    // for an incident the Events API opened, the dedup_key siren sent. Permanent failures for an
    // unknown incident (404) and for an incident without a key.
    [[nodiscard]] boost::asio::awaitable<adapters::call_result<std::string>>
    incident_key_of(std::string incident_id);

private:
    net::http_client& http_;
    std::string base_url_; // without a trailing '/'
    std::string api_token_;
};

} // namespace siren::pagerduty
