#pragma once
// Slack's HTTP mode: signed POSTs to /slack/commands, /slack/interactive and /slack/events on
// siren's web server. Each request is checked (signature, age), turned into the envelope Socket
// Mode would deliver, and given to the same envelope handler; the handler's answer is the
// response body, just as it would ride in a Socket Mode ack.

#include "adapters/net/http_server.hpp"
#include "bot/clock.hpp"
#include "bot/siren_metrics.hpp"
#include "bot/socket_mode_session.hpp"

#include <string>

#include <boost/asio/awaitable.hpp>

namespace siren {

class slack_http_receiver {
public:
    slack_http_receiver(envelope_handler& handler, std::string signing_secret, const clock& clock,
                        siren_metrics& metrics);

    [[nodiscard]] boost::asio::awaitable<net::server_response> handle(net::server_request request);

private:
    envelope_handler& handler_;
    std::string signing_secret_;
    const clock& clock_;
    siren_metrics& metrics_;
};

} // namespace siren
