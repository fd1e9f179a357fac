#include "support/test_loop.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/steady_timer.hpp>
#include <doctest/doctest.h>

namespace siren::test {

void test_loop::stop_servers() {
    for (auto& stop : stops_)
        stop();
}

void test_loop::run(boost::asio::awaitable<void> body, std::chrono::milliseconds limit) {
    std::exception_ptr failure;
    bool overran = false;
    boost::asio::steady_timer watchdog(io_, limit);
    watchdog.async_wait([&](boost::system::error_code ec) {
        if (ec)
            return;
        overran = true;
        stop_servers();
    });
    boost::asio::co_spawn(io_, std::move(body), [&](std::exception_ptr e) {
        failure = e;
        watchdog.cancel();
        stop_servers();
    });
    io_.run();
    io_.restart();
    if (failure)
        std::rethrow_exception(failure);
    CHECK_MESSAGE(!overran, "the test body ran longer than ", limit.count(), " ms");
}

} // namespace siren::test
