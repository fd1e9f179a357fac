#include "adapters/slack/reconnect.hpp"

#include <doctest/doctest.h>

using namespace siren;
using namespace siren::slack;
using std::chrono::milliseconds;

namespace {

constexpr double no_jitter = 0.5; // the middle of [0, 1): the delay as it is

template <class T>
T as(const reconnect_action& a) {
    REQUIRE(std::holds_alternative<T>(a));
    return std::get<T>(a);
}

milliseconds reconnect_delay(const reconnect_action& a) {
    return as<reconnect_after>(a).delay;
}

} // namespace

TEST_CASE("slack: reconnect policy table") {
    reconnect_policy policy;
    struct row {
        connection_event what;
        std::string_view expected;
    };
    auto kind = [](const reconnect_action& a) -> std::string_view {
        constexpr std::string_view names[] = {"stay_connected", "open_replacement_then_close_old",
                                              "close_then_reconnect_after", "reconnect_after",
                                              "stop"};
        return names[a.index()];
    };
    for (const auto& [what, expected] : {
             row{hello_received{}, "stay_connected"},
             row{connection_stable{std::chrono::minutes{10}}, "stay_connected"},
             row{disconnect_requested{disconnect_reason::warning, "warning"},
                 "open_replacement_then_close_old"},
             row{disconnect_requested{disconnect_reason::refresh_requested, "refresh_requested"},
                 "open_replacement_then_close_old"},
             row{disconnect_requested{disconnect_reason::other, "something_new"},
                 "open_replacement_then_close_old"},
             row{disconnect_requested{disconnect_reason::too_many_websockets,
                                      "too_many_websockets"},
                 "close_then_reconnect_after"},
             row{disconnect_requested{disconnect_reason::link_disabled, "link_disabled"}, "stop"},
             row{read_failed{}, "reconnect_after"},
             row{open_failed{open_error::other, std::nullopt, "internal_error"}, "reconnect_after"},
             row{open_failed{open_error::rate_limited, seconds{30}, "ratelimited"},
                 "reconnect_after"},
             row{open_failed{open_error::fatal, std::nullopt, "invalid_auth"}, "stop"},
         }) {
        CAPTURE(what.index());
        CHECK(kind(policy.next(what, no_jitter)) == expected);
    }
}

TEST_CASE("slack: reconnect delays double from 1 s to 60 s and restart after a stable connection") {
    reconnect_policy policy;
    std::vector<milliseconds> delays;
    for (int i = 0; i < 9; ++i)
        delays.push_back(reconnect_delay(policy.next(read_failed{}, no_jitter)));
    CHECK(delays == std::vector<milliseconds>{
                        milliseconds{1'000}, milliseconds{2'000}, milliseconds{4'000},
                        milliseconds{8'000}, milliseconds{16'000}, milliseconds{32'000},
                        milliseconds{60'000}, milliseconds{60'000}, milliseconds{60'000}});
    CHECK(policy.consecutive_failures() == 9);

    // A hello alone proves little: a server that accepts and drops at once keeps the backoff.
    CHECK(std::holds_alternative<stay_connected>(policy.next(hello_received{}, no_jitter)));
    CHECK(reconnect_delay(policy.next(read_failed{}, no_jitter)) == milliseconds{60'000});
    // Up for less than 5 minutes: still no reset.
    policy.next(connection_stable{std::chrono::minutes{4}}, no_jitter);
    CHECK(reconnect_delay(policy.next(read_failed{}, no_jitter)) == milliseconds{60'000});

    policy.next(connection_stable{std::chrono::minutes{5}}, no_jitter);
    CHECK(policy.consecutive_failures() == 0);
    CHECK(reconnect_delay(policy.next(read_failed{}, no_jitter)) == milliseconds{1'000});
}

TEST_CASE("slack: reconnect jitter spreads each delay by ±20 %") {
    CHECK(reconnect_delay(reconnect_policy{}.next(read_failed{}, 0.0)) == milliseconds{800});
    CHECK(reconnect_delay(reconnect_policy{}.next(read_failed{}, 0.25)) == milliseconds{900});
    CHECK(reconnect_delay(reconnect_policy{}.next(read_failed{}, 0.999)) == milliseconds{1'200});

    reconnect_policy capped;
    for (int i = 0; i < 20; ++i)
        capped.next(read_failed{}, no_jitter);
    auto low = reconnect_delay(capped.next(read_failed{}, 0.0));
    auto high = reconnect_delay(capped.next(read_failed{}, 0.999));
    CHECK(low == milliseconds{48'000});
    CHECK(high >= milliseconds{71'900});
    CHECK(high <= milliseconds{72'000});
}

TEST_CASE("slack: too_many_websockets closes first and backs off like a failure") {
    reconnect_policy policy;
    CHECK(as<close_then_reconnect_after>(
              policy.next(disconnect_requested{disconnect_reason::too_many_websockets, ""},
                          no_jitter))
              .delay == milliseconds{1'000});
    CHECK(as<close_then_reconnect_after>(
              policy.next(disconnect_requested{disconnect_reason::too_many_websockets, ""},
                          no_jitter))
              .delay == milliseconds{2'000});
    // warning / refresh_requested are routine and do not count as failures.
    policy.next(disconnect_requested{disconnect_reason::refresh_requested, ""}, no_jitter);
    CHECK(policy.consecutive_failures() == 2);
}

TEST_CASE("slack: a rate-limited apps.connections.open waits at least Retry-After") {
    reconnect_policy policy;
    CHECK(reconnect_delay(policy.next(open_failed{open_error::rate_limited, seconds{30}, ""},
                                      no_jitter)) == milliseconds{30'000});
    for (int i = 0; i < 10; ++i)
        policy.next(read_failed{}, no_jitter);
    // Our own backoff wins when it is longer.
    CHECK(reconnect_delay(policy.next(open_failed{open_error::rate_limited, seconds{5}, ""},
                                      no_jitter)) == milliseconds{60'000});
}

TEST_CASE("slack: stop says why") {
    reconnect_policy policy;
    CHECK(as<stop>(
              policy.next(disconnect_requested{disconnect_reason::link_disabled, "link_disabled"},
                          no_jitter))
              .reason.find("link_disabled") != std::string::npos);
    CHECK(as<stop>(policy.next(open_failed{open_error::fatal, std::nullopt,
                                           "apps.connections.open: invalid_auth"},
                               no_jitter))
              .reason.find("invalid_auth") != std::string::npos);
}

TEST_CASE("slack: open failures from web_api are classified for the policy") {
    using adapters::failure;
    CHECK(classify_open_failure(failure{.retryable = false, .message = "x: invalid_auth"}).kind ==
          open_error::fatal);
    auto limited = classify_open_failure(
        failure{.retryable = true, .message = "x: ratelimited", .retry_after = seconds{7}});
    CHECK(limited.kind == open_error::rate_limited);
    CHECK(limited.retry_after == seconds{7});
    CHECK(classify_open_failure(failure{.retryable = true, .message = "x got HTTP 503"}).kind ==
          open_error::other);
}
