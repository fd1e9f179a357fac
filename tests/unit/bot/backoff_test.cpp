#include "bot/backoff.hpp"

#include <doctest/doctest.h>

using namespace siren;

TEST_CASE("bot: retry delays double from 1 s, cap at 5 minutes, and spread by ±20 %") {
    CHECK(retry_delay(0, 0.5) == seconds{1});
    CHECK(retry_delay(1, 0.5) == seconds{2});
    CHECK(retry_delay(4, 0.5) == seconds{16});
    CHECK(retry_delay(30, 0.5) == seconds{300});
    CHECK(retry_delay(4, 0.0) == seconds{13}); // 16 × 0.8, rounded
    CHECK(retry_delay(4, 0.999) == seconds{19});
    CHECK(retry_delay(-3, 0.5) == seconds{1});
}

TEST_CASE("bot: a server's Retry-After wins when it is longer") {
    CHECK(retry_delay(0, 0.5, seconds{30}) == seconds{30});
    CHECK(retry_delay(8, 0.5, seconds{30}) == seconds{256});
}
