#pragma once
// One io_context on the test's thread for a test's client and its loopback servers, as siren
// runs: single-threaded, so a test sees no races of its own making.

#include <chrono>
#include <functional>
#include <vector>

#include <boost/asio/awaitable.hpp>
#include <boost/asio/io_context.hpp>

namespace siren::test {

class test_loop {
public:
    boost::asio::io_context& io() { return io_; }

    // Runs body to its end, then stops the servers so that the loop runs dry, and rethrows what
    // body threw. A body still running after limit fails the test; the servers are stopped
    // then, which ends whatever I/O it waits for.
    void run(boost::asio::awaitable<void> body,
             std::chrono::milliseconds limit = std::chrono::seconds(10));

    // For servers: closes their acceptor and connections. Called once per run().
    void on_stop(std::function<void()> stop) { stops_.push_back(std::move(stop)); }

private:
    void stop_servers();

    boost::asio::io_context io_{1};
    std::vector<std::function<void()>> stops_;
};

// How long `since` is ago.
inline std::chrono::milliseconds elapsed(std::chrono::steady_clock::time_point since) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() -
                                                                 since);
}

} // namespace siren::test
