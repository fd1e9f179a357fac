#pragma once
// A Beast WebSocket server on 127.0.0.1 (any free port) for the client's tests, with optional
// TLS (the localhost certificate). What it does is chosen by the request target:
//   /silent        completes the handshake, then neither reads nor writes: pings and close
//                  frames go unanswered, as with a peer that vanished
//   /close         completes the handshake, then closes the connection with a close frame
//   /target...     first sends "TARGET USER-AGENT" as seen in the handshake, then echoes
//   anything else  echoes every text message, each preceded by a binary message to skip

#include "support/test_loop.hpp"

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace siren::test {

struct ws_server_options {
    bool tls = false;
};

class ws_server {
public:
    explicit ws_server(test_loop& loop, ws_server_options options = {});
    ~ws_server();

    // "ws://127.0.0.1:PORT/target", or wss:// with TLS; host replaces 127.0.0.1.
    std::string url(std::string_view target, std::string_view host = "127.0.0.1") const;
    int connections() const; // accepted so far

private:
    struct impl;
    std::unique_ptr<impl> impl_;
};

} // namespace siren::test
