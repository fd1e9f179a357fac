#include "adapters/slack/reconnect.hpp"

#include <algorithm>
#include <cmath>

namespace siren::slack {

open_failed classify_open_failure(const adapters::failure& why) {
    open_error kind = !why.retryable    ? open_error::fatal
                      : why.retry_after ? open_error::rate_limited
                                        : open_error::other;
    return {kind, why.retry_after, why.message};
}

reconnect_policy::reconnect_policy(reconnect_config config)
    : config_(config) {}

std::chrono::milliseconds reconnect_policy::backoff(double jitter) {
    // The exponent is capped so that the product stays finite; max_delay is reached far sooner.
    double doubled =
        static_cast<double>(config_.first_delay.count()) * std::pow(2.0, std::min(failures_, 30));
    double base = std::min(doubled, static_cast<double>(config_.max_delay.count()));
    double spread = 1.0 + config_.jitter * (2.0 * std::clamp(jitter, 0.0, 1.0) - 1.0);
    ++failures_;
    return std::chrono::milliseconds{std::llround(base * spread)};
}

reconnect_action reconnect_policy::next(const connection_event& what, double jitter) {
    if (std::holds_alternative<hello_received>(what))
        return stay_connected{};
    if (const auto* stable = std::get_if<connection_stable>(&what)) {
        if (stable->up_for >= config_.stable_after)
            failures_ = 0;
        return stay_connected{};
    }
    if (const auto* request = std::get_if<disconnect_requested>(&what)) {
        switch (request->reason) {
        case disconnect_reason::link_disabled:
            return stop{"Slack disabled Socket Mode for this app (disconnect: link_disabled); "
                        "turn it on again in the app settings and restart siren"};
        case disconnect_reason::too_many_websockets:
            return close_then_reconnect_after{backoff(jitter)};
        case disconnect_reason::warning:
        case disconnect_reason::refresh_requested:
        case disconnect_reason::other:
            // Slack is about to close this connection whatever the reason says.
            return open_replacement_then_close_old{};
        }
    }
    if (const auto* failed = std::get_if<open_failed>(&what)) {
        if (failed->kind == open_error::fatal)
            return stop{"apps.connections.open failed for good: " + failed->message};
        auto delay = backoff(jitter);
        if (failed->kind == open_error::rate_limited && failed->retry_after)
            delay = std::max<std::chrono::milliseconds>(delay, *failed->retry_after);
        return reconnect_after{delay};
    }
    return reconnect_after{backoff(jitter)}; // read_failed
}

} // namespace siren::slack
