#include "bot/heartbeat.hpp"

#include <doctest/doctest.h>

using namespace siren;

TEST_CASE("heartbeat: healthy while the socket is up and the outbox drains") {
    const seconds stalled{300};
    CHECK_FALSE(
        unhealthy_because({.socket_connected = true, .oldest_pending = std::nullopt}, stalled));
    CHECK_FALSE(
        unhealthy_because({.socket_connected = true, .oldest_pending = seconds{299}}, stalled));
    CHECK(unhealthy_because({.socket_connected = true, .oldest_pending = seconds{300}}, stalled) ==
          "an effect has waited 300 s in the outbox");
    CHECK(unhealthy_because({.socket_connected = false, .oldest_pending = std::nullopt}, stalled) ==
          "the Slack socket is not connected");
}

TEST_CASE("heartbeat: the failure URL is Healthchecks.io's /fail") {
    CHECK(heartbeat_url("https://hc-ping.com/abc", true) == "https://hc-ping.com/abc");
    CHECK(heartbeat_url("https://hc-ping.com/abc", false) == "https://hc-ping.com/abc/fail");
    CHECK(heartbeat_url("https://hc-ping.com/abc/", false) == "https://hc-ping.com/abc/fail");
}
