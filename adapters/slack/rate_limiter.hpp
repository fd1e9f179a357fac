#pragma once
// Slack's per-method rate limits (protocols.md §3.1) kept on siren's side, so that calls are
// spaced out before Slack answers 429. Pure: the caller passes the time and does the waiting
// (web_api.hpp). One limiter per workspace and app, shared by every caller on the loop.

#include <chrono>
#include <map>
#include <string>
#include <string_view>

namespace siren::slack {

using steady_time = std::chrono::steady_clock::time_point;

// How often a method may be called: `burst` calls at once, then one per `interval`.
struct rate {
    int burst = 1;
    std::chrono::steady_clock::duration interval{};
};

// Slack's tiers allow their minute's quota at once and refill steadily, as Slack does.
inline constexpr rate tier_1{1, std::chrono::minutes{1}};
inline constexpr rate tier_2{20, std::chrono::seconds{3}};
inline constexpr rate tier_3{50, std::chrono::milliseconds{1'200}};
inline constexpr rate tier_4{100, std::chrono::milliseconds{600}};
// chat.postMessage: per channel (a DM's channel is the user), about 1/s with short bursts.
inline constexpr rate post_message_per_channel{3, std::chrono::seconds{1}};

// The rate of a method siren calls; Tier 2 for methods it does not know.
rate rate_of(std::string_view method);

class rate_limiter {
public:
    // Reserves the next slot for one call and says how long to wait before sending it (zero:
    // send now). channel matters for chat.postMessage only. Every call reserves a slot, so
    // callers that wait side by side are spaced out as well.
    std::chrono::steady_clock::duration wait_for(std::string_view method, std::string_view channel,
                                                 steady_time now);

    // After a 429: no call of the method goes out before `until`; from then on one per
    // interval, without a burst.
    void pause(std::string_view method, steady_time until);

private:
    std::chrono::steady_clock::duration reserve(const std::string& key, rate r, steady_time now);

    // Generic cell rate algorithm: per method (or chat.postMessage channel), the time the next
    // call is due at the steady rate; a burst may run ahead of it by (burst - 1) intervals.
    std::map<std::string, steady_time, std::less<>> next_due_;
    std::map<std::string, steady_time, std::less<>> paused_until_;
};

} // namespace siren::slack
