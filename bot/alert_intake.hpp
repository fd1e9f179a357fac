#pragma once
// POST /webhooks/alertmanager: alert groups from Prometheus Alertmanager's webhook receiver.
// A delivery is checked (bearer token), read, routed and stored in one transaction before it is
// answered; the effects runner then opens channels, posts and pages. Alertmanager retries a 5xx
// and sends a 4xx again at the next group_interval, so the answers are:
//   200 stored, or a delivery seen before      400 a payload siren cannot read (and why)
//   401 a missing or wrong token               404 no routes are configured (alerts.routes)
//   500 the store failed: Alertmanager retries

#include "adapters/net/http_server.hpp"
#include "bot/clock.hpp"
#include "bot/dispatcher.hpp"
#include "bot/effects_runner.hpp"

namespace siren {

class alert_intake {
public:
    alert_intake(const settings& config, dispatcher& dispatch, effects_runner& runner,
                 const clock& clock);

    [[nodiscard]] net::server_response receive(const net::server_request& request);

private:
    const settings& config_;
    dispatcher& dispatch_;
    effects_runner& runner_;
    const clock& clock_;
};

} // namespace siren
