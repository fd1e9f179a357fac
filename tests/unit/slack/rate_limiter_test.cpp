#include "adapters/slack/rate_limiter.hpp"

#include <doctest/doctest.h>

using namespace siren::slack;
using namespace std::chrono_literals;
using duration = std::chrono::steady_clock::duration;

namespace {

const steady_time t0 = steady_time{} + 1'000h;

} // namespace

TEST_CASE("slack: tiers allow their minute's quota at once, then space calls evenly") {
    rate_limiter limits;
    // conversations.create is Tier 2: 20 per minute.
    for (int i = 0; i < 20; ++i)
        CHECK(limits.wait_for("conversations.create", "", t0) == duration::zero());
    CHECK(limits.wait_for("conversations.create", "", t0) == 3s);
    CHECK(limits.wait_for("conversations.create", "", t0) == 6s);
    // Another method has its own budget.
    CHECK(limits.wait_for("pins.add", "", t0) == duration::zero());
    // Time refills the budget: a minute later the next calls go out at once again.
    CHECK(limits.wait_for("conversations.create", "", t0 + 69s) == duration::zero());

    CHECK(rate_of("conversations.invite").interval == 1'200ms);
    CHECK(rate_of("conversations.invite").burst == 50);
    CHECK(rate_of("views.open").interval == 600ms);
    CHECK(rate_of("a.method.siren.never.heard.of").burst == tier_2.burst);
    CHECK(tier_1.burst == 1);
    CHECK(tier_1.interval == 60s);
}

TEST_CASE("slack: Tier 4 spacing after its burst") {
    rate_limiter limits;
    for (int i = 0; i < 100; ++i)
        REQUIRE(limits.wait_for("users.info", "", t0) == duration::zero());
    CHECK(limits.wait_for("users.info", "", t0) == 600ms);
    CHECK(limits.wait_for("users.info", "", t0 + 600ms) == 600ms);
}

TEST_CASE("slack: chat.postMessage is 1/s per channel with a burst of 3") {
    rate_limiter limits;
    for (int i = 0; i < 3; ++i)
        CHECK(limits.wait_for("chat.postMessage", "C1", t0) == duration::zero());
    CHECK(limits.wait_for("chat.postMessage", "C1", t0) == 1s);
    CHECK(limits.wait_for("chat.postMessage", "C1", t0) == 2s);
    // Other channels are not held up.
    CHECK(limits.wait_for("chat.postMessage", "C2", t0) == duration::zero());
    // A second later one more slot is free (after the two already reserved).
    CHECK(limits.wait_for("chat.postMessage", "C1", t0 + 5s) == duration::zero());
}

TEST_CASE("slack: after a 429 the whole method pauses until Retry-After, then resumes evenly") {
    rate_limiter limits;
    CHECK(limits.wait_for("conversations.setTopic", "", t0) == duration::zero());
    limits.pause("conversations.setTopic", t0 + 30s);
    CHECK(limits.wait_for("conversations.setTopic", "", t0 + 1s) == 29s);
    CHECK(limits.wait_for("conversations.setTopic", "", t0 + 1s) == 32s); // one interval later
    CHECK(limits.wait_for("conversations.create", "", t0 + 1s) == duration::zero());

    // chat.postMessage pauses on every channel, not only on the one that was limited.
    limits.pause("chat.postMessage", t0 + 10s);
    CHECK(limits.wait_for("chat.postMessage", "C1", t0) == 10s);
    CHECK(limits.wait_for("chat.postMessage", "C9", t0 + 4s) == 6s);
    CHECK(limits.wait_for("chat.postMessage", "C9", t0 + 10s) == duration::zero());

    // A shorter pause does not shorten a longer one.
    limits.pause("pins.add", t0 + 20s);
    limits.pause("pins.add", t0 + 5s);
    CHECK(limits.wait_for("pins.add", "", t0) == 20s);
}
