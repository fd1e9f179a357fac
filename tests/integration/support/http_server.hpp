#pragma once
// A Beast HTTP/1.1 server on 127.0.0.1 (any free port) for the client's tests, with keep-alive
// and optional TLS. What it does is chosen by the request target:
//   /hang              reads the request and never answers
//   /partial           sends headers and part of the body, then closes the connection
//   /close-idle        answers with keep-alive, then closes the connection anyway (as a server
//                      does with an idle connection)
//   /connection-close  answers with Connection: close, then closes
//   /big               a 9 MiB body
//   anything else      200 with body "METHOD TARGET\nBODY" and headers X-Echo (the request's
//                      X-Test), X-Host and X-User-Agent (the request's Host and User-Agent)

#include "support/test_loop.hpp"

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace siren::test {

struct http_server_options {
    bool tls = false;
    std::string certificate = "localhost"; // "localhost" or "other": see certs.hpp
};

class http_server {
public:
    explicit http_server(test_loop& loop, http_server_options options = {});
    ~http_server();

    // "http://127.0.0.1:PORT/target", or https:// with TLS; host replaces 127.0.0.1.
    std::string url(std::string_view target, std::string_view host = "127.0.0.1") const;
    std::uint16_t port() const;
    int connections() const; // accepted so far
    int requests() const;    // read so far

private:
    struct impl;
    std::unique_ptr<impl> impl_;
};

} // namespace siren::test
