#pragma once
// Acknowledgements coming back from the paging providers: PagerDuty's webhooks v3
// (POST /webhooks/pagerduty, signed) and Opsgenie's webhook integration
// (POST /webhooks/opsgenie, with a shared token header). A verified acknowledgement of a page
// siren sent becomes a decision like `/119 ack`; a redelivery changes nothing.

#include "adapters/net/http_server.hpp"
#include "adapters/pagerduty/pagerduty_rest.hpp"
#include "bot/clock.hpp"
#include "bot/dispatcher.hpp"
#include "bot/effects_runner.hpp"

#include <functional>
#include <optional>
#include <string>

#include <boost/asio/awaitable.hpp>

namespace siren {

// siren's id for the person a provider names (by e-mail or display name); the name itself when
// siren does not know them.
using provider_person = std::function<user_id(std::string_view email_or_name)>;

// The header the Opsgenie webhook integration is set up to send with the shared token.
inline constexpr std::string_view opsgenie_token_header = "X-Siren-Token";

class pager_webhooks {
public:
    // pagerduty_rest may be null (no API token): PagerDuty webhooks are then refused, since
    // their incident ids cannot be mapped back to pages.
    pager_webhooks(const settings& config, dispatcher& dispatch, effects_runner& runner,
                   pagerduty::pagerduty_rest* pagerduty_rest, provider_person who,
                   const clock& clock);

    [[nodiscard]] boost::asio::awaitable<net::server_response>
    pagerduty(net::server_request request);
    [[nodiscard]] net::server_response opsgenie(const net::server_request& request);

private:
    net::server_response acknowledge(std::string delivery_id, const std::string& dedup_key,
                                     const user_id& by, std::string_view provider);

    const settings& config_;
    dispatcher& dispatch_;
    effects_runner& runner_;
    pagerduty::pagerduty_rest* pagerduty_rest_;
    provider_person who_;
    const clock& clock_;
};

} // namespace siren
