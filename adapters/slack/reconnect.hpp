#pragma once
// When and how the Socket Mode session reconnects, as a pure policy in the manner of Boost.Redis'
// run_fsm: the session reports what happened and carries out the action returned. No I/O, no
// clock, no randomness of its own, so that every branch is unit tested.

#include "adapters/call_result.hpp"
#include "adapters/slack/socket_mode.hpp"

#include <chrono>
#include <optional>
#include <string>
#include <variant>

namespace siren::slack {

struct reconnect_config {
    std::chrono::milliseconds first_delay{1'000}; // after the first failure
    std::chrono::milliseconds max_delay{60'000};  // the doubling stops here
    double jitter = 0.2;                          // each delay is spread by ±20 %
    // A connection that lived this long proves the setup works: the doubling starts over.
    std::chrono::seconds stable_after{std::chrono::minutes{5}};
};

// What happened.
struct hello_received {}; // the new connection is up
struct disconnect_requested {
    disconnect_reason reason = disconnect_reason::other;
    std::string raw_reason;
};
struct read_failed {}; // the socket broke, timed out or was closed without a disconnect frame
enum class open_error {
    rate_limited, // apps.connections.open answered 429 or ratelimited
    fatal,        // a bad or revoked token, or anything else retrying cannot fix
    other,        // transient: 5xx, timeouts, internal_error, a failed WebSocket handshake
};
struct open_failed {
    open_error kind = open_error::other;
    std::optional<seconds> retry_after{};
    std::string message;
};
struct connection_stable {
    std::chrono::seconds up_for{}; // since its hello
};
using connection_event =
    std::variant<hello_received, disconnect_requested, read_failed, open_failed, connection_stable>;

// What to do.
struct stay_connected {};
// Get a new URL and connect; once the new connection's hello arrived, close the old one and keep
// acking whatever still arrives on it until then. No event is lost in the gap.
struct open_replacement_then_close_old {};
// Close the current connection first (the count of open sockets must drop), then wait.
struct close_then_reconnect_after {
    std::chrono::milliseconds delay{};
};
struct reconnect_after {
    std::chrono::milliseconds delay{};
};
// Reconnecting cannot help: say why loudly and stop.
struct stop {
    std::string reason;
};
using reconnect_action = std::variant<stay_connected, open_replacement_then_close_old,
                                      close_then_reconnect_after, reconnect_after, stop>;

// How an apps.connections.open failure (web_api::open_socket_url) counts for the policy.
open_failed classify_open_failure(const adapters::failure& why);

class reconnect_policy {
public:
    explicit reconnect_policy(reconnect_config config = {});

    // jitter: uniform in [0, 1), drawn by the caller; used only when the action waits.
    reconnect_action next(const connection_event& what, double jitter);

    // Failures since the last stable connection; the next wait doubles with each.
    int consecutive_failures() const { return failures_; }

private:
    std::chrono::milliseconds backoff(double jitter);

    reconnect_config config_;
    int failures_ = 0;
};

} // namespace siren::slack
