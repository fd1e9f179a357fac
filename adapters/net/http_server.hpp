#pragma once
// An HTTP/1.1 server behind a small interface, so that the daemon's endpoints (Slack slash
// commands, interactivity, health checks) never include Beast. Plain HTTP only: TLS terminates
// at the reverse proxy in front of siren, which also holds the public certificate.

#include "adapters/net/http_client.hpp"

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/system/result.hpp>

namespace siren::net {

struct server_request {
    std::string method; // "POST"
    std::string target; // "/slack/commands?x=1" as sent
    header_list headers;
    std::string body;

    // Case-insensitive; the first header of that name.
    std::optional<std::string_view> header(std::string_view name) const;
};

struct server_response {
    int status = 200;    // 200 to 599; anything else is answered with 500
    header_list headers; // Content-Type etc.; Content-Length and Connection are set by the server
    std::string body;
};

// A line of plain text, for people and scripts alike: what siren answers webhooks and probes.
inline server_response plain_text(int status, std::string text) {
    return {.status = status,
            .headers = {{"Content-Type", "text/plain; charset=utf-8"}},
            .body = std::move(text) + "\n"};
}

// Called once per request; may co_await. What it throws becomes a 500 with body
// "internal error" on that connection: the server catches it (it has no logger, so a handler
// that wants its failures logged logs them itself) and it never reaches the accept loop.
using request_handler = std::function<boost::asio::awaitable<server_response>(server_request)>;

// How the server starts its per-connection coroutines: the daemon passes its task_group's spawn,
// which names, logs and cancels them.
using spawner = std::function<void(std::string name, boost::asio::awaitable<void> task)>;

struct server_limits {
    std::size_t max_body = 1 << 20;        // larger → 413, connection closed
    std::chrono::seconds read_timeout{10}; // a request not complete in time → closed (slowloris)
    std::chrono::seconds idle_timeout{60}; // keep-alive connection with no request → closed
    std::size_t max_connections = 256;     // more → the newest is closed at once
};

// Runs on one thread (siren's io_context). Connection coroutines keep what they need alive
// themselves, so the server may be destroyed while they wind down; destroying it stops it.
class http_server {
public:
    virtual ~http_server() = default;
    virtual std::uint16_t port() const = 0; // the bound port (useful with port 0)
    // Accepts until cancelled or stop(); each connection runs in its own coroutine via the
    // spawner. Call once.
    [[nodiscard]] virtual boost::asio::awaitable<void> run() = 0;
    // Closes the listening socket and every open connection; a handler already running finishes,
    // but its response is not sent.
    virtual void stop() = 0;
};

// listen: "127.0.0.1:8080", "[::1]:0", "localhost:8080" (resolved; the first address is bound,
// and only that one). Errors come back as values: errc::invalid_url or errc::invalid_port for a
// malformed listen string, the resolver's or the OS's error (address_in_use) otherwise.
boost::system::result<std::unique_ptr<http_server>>
make_http_server(boost::asio::any_io_executor executor, std::string listen, request_handler handler,
                 spawner spawn, server_limits limits = {});

} // namespace siren::net
