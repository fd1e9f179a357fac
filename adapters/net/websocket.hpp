#pragma once
// A WebSocket client connection (ws:// or wss://) behind a small interface, so that Socket Mode
// logic never includes Beast and can be tested with an in-memory fake. One object is one
// connection: a failed or closed connection is dropped and a new one made.

#include "adapters/net/http_client.hpp"

#include <chrono>
#include <memory>
#include <string>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/system/result.hpp>

namespace siren::net {

class websocket {
public:
    virtual ~websocket() = default;
    // The next text message. Binary messages are skipped. Fails when the peer closes, the
    // connection breaks, or nothing at all (not even a pong) arrived for the idle timeout.
    // Only one read may be pending at a time.
    [[nodiscard]] virtual boost::asio::awaitable<boost::system::result<std::string>> read() = 0;
    // Queued: any number of writers may call it; one frame is written at a time.
    [[nodiscard]] virtual boost::asio::awaitable<boost::system::result<void>>
    write(std::string text) = 0;
    // Sends a close frame and waits briefly for the peer's; never waits long, never fails.
    [[nodiscard]] virtual boost::asio::awaitable<void> close() = 0;
};

struct websocket_options {
    std::chrono::seconds handshake_timeout{10};
    // No frame at all for this long means the peer is gone; keep-alive pings are sent at half.
    std::chrono::seconds idle_timeout{40};
    tls_options tls;
};

[[nodiscard]] boost::asio::awaitable<boost::system::result<std::unique_ptr<websocket>>>
connect_websocket(boost::asio::any_io_executor executor, std::string url,
                  websocket_options options);

} // namespace siren::net
