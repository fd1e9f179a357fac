#include "adapters/net/idle_pool.hpp"

#include <doctest/doctest.h>

using siren::net::idle_pool;
using namespace std::chrono_literals;

namespace {
using pool = idle_pool<int>;
std::unique_ptr<int> conn(int id) {
    return std::make_unique<int>(id);
}
const pool::clock::time_point t0{};
} // namespace

TEST_CASE("the connection parked last is reused first, per origin") {
    pool p(4, 50s);
    p.put("https://a:443", conn(1), t0);
    p.put("https://a:443", conn(2), t0 + 1s);
    p.put("https://b:443", conn(3), t0 + 1s);
    CHECK(*p.take("https://a:443", t0 + 2s) == 2);
    CHECK(*p.take("https://a:443", t0 + 2s) == 1);
    CHECK(p.take("https://a:443", t0 + 2s) == nullptr);
    CHECK(p.size() == 1);
}

TEST_CASE("a full origin drops its oldest connection") {
    pool p(2, 50s);
    p.put("o", conn(1), t0);
    p.put("o", conn(2), t0);
    p.put("o", conn(3), t0);
    CHECK(p.size() == 2);
    CHECK(*p.take("o", t0) == 3);
    CHECK(*p.take("o", t0) == 2);
}

TEST_CASE("connections idle for the maximum age are dropped, for every origin") {
    pool p(4, 50s);
    p.put("a", conn(1), t0);
    p.put("b", conn(2), t0 + 10s);
    CHECK(p.take("a", t0 + 50s) == nullptr);
    CHECK(p.size() == 1);
    CHECK(*p.take("b", t0 + 59s) == 2);
    p.put("c", conn(3), t0 + 60s);
    p.put("d", conn(4), t0 + 200s);
    CHECK(p.size() == 1);
}
