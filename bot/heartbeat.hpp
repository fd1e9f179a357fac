#pragma once
// The heartbeat: siren pings a dead man's switch (Healthchecks.io and the like) while it is
// healthy, and its `/fail` URL while it is not, so that someone is told when siren itself is
// down (docs/integrations.md#heartbeat).

#include "adapters/net/http_client.hpp"
#include "core/settings.hpp"

#include <functional>
#include <optional>
#include <string>

#include <boost/asio/awaitable.hpp>

namespace siren {

// What the heartbeat looks at, asked before every ping.
struct health {
    bool socket_connected = true;            // Socket Mode: the Slack socket; HTTP mode: true
    std::optional<seconds> oldest_pending{}; // age of the oldest effect still in the outbox
};

// Why siren is unhealthy, or nullopt when it is healthy: the socket is down, or an effect has
// waited in the outbox for at least stalled_after.
std::optional<std::string> unhealthy_because(const health& now, seconds stalled_after);

// The URL to request: url when healthy, url + "/fail" when not (Healthchecks.io's failure
// signal; a trailing '/' of url is dropped first).
std::string heartbeat_url(std::string_view url, bool healthy);

// Every settings.every (the first one interval after the start, so that the socket had time to
// connect) asks probe() and sends a GET to heartbeat_url.
// A failed ping is logged (never with the URL, which is a secret) and not retried before the
// next beat. Runs until cancelled; http must outlive it.
[[nodiscard]] boost::asio::awaitable<void>
run_heartbeat(net::http_client& http, heartbeat_settings settings, std::function<health()> probe);

} // namespace siren
