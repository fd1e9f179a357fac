#include "support/ws_server.hpp"

#include "support/certs.hpp"
#include "support/open_streams.hpp"

#include <optional>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>
#include <boost/beast/websocket/ssl.hpp>

namespace siren::test {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace ssl = asio::ssl;
namespace websocket = beast::websocket;
using tcp = asio::ip::tcp;
using asio::as_tuple;
using asio::use_awaitable;

struct ws_server::impl {
    impl(test_loop& loop, bool with_tls)
        : acceptor(loop.io(), tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0))
        , port(acceptor.local_endpoint().port())
        , stopped(loop.io(), asio::steady_timer::time_point::max()) {
        if (with_tls) {
            tls.emplace(ssl::context::tls_server);
            tls->use_certificate_chain_file(cert_file("localhost.pem"));
            tls->use_private_key_file(cert_file("localhost.key"), ssl::context::pem);
        }
        loop.on_stop([this] { stop(); });
        asio::co_spawn(acceptor.get_executor(), accept_loop(), rethrow);
    }

    void stop() {
        acceptor.close();
        stopped.cancel();
        for (auto* stream : open)
            stream->close();
    }

    asio::awaitable<void> accept_loop() {
        for (;;) {
            auto [ec, socket] = co_await acceptor.async_accept(as_tuple(use_awaitable));
            if (ec)
                co_return;
            ++connections;
            if (tls)
                asio::co_spawn(acceptor.get_executor(), tls_session(std::move(socket)), rethrow);
            else
                asio::co_spawn(acceptor.get_executor(), plain_session(std::move(socket)), rethrow);
        }
    }

    asio::awaitable<void> plain_session(tcp::socket socket) {
        websocket::stream<beast::tcp_stream> ws(std::move(socket));
        open_stream live(open, beast::get_lowest_layer(ws));
        co_await serve(ws);
    }

    asio::awaitable<void> tls_session(tcp::socket socket) {
        websocket::stream<ssl::stream<beast::tcp_stream>> ws(std::move(socket), *tls);
        open_stream live(open, beast::get_lowest_layer(ws));
        auto [ec] = co_await ws.next_layer().async_handshake(ssl::stream_base::server,
                                                             as_tuple(use_awaitable));
        if (!ec)
            co_await serve(ws);
    }

    template <class WebSocket>
    asio::awaitable<void> serve(WebSocket& ws) {
        beast::flat_buffer buffer;
        http::request<http::string_body> upgrade;
        auto [read_ec, n] =
            co_await http::async_read(ws.next_layer(), buffer, upgrade, as_tuple(use_awaitable));
        if (read_ec)
            co_return;
        auto [accept_ec] = co_await ws.async_accept(upgrade, as_tuple(use_awaitable));
        if (accept_ec)
            co_return;
        std::string target(upgrade.target());
        if (target == "/silent") {
            co_await stopped.async_wait(as_tuple(use_awaitable));
            co_return;
        }
        if (target == "/close") {
            co_await ws.async_close(websocket::close_code::going_away, as_tuple(use_awaitable));
            co_return;
        }
        if (target.starts_with("/target")) {
            std::string seen = target + " " + std::string(upgrade[http::field::user_agent]);
            co_await ws.async_write(asio::buffer(seen), as_tuple(use_awaitable));
        }
        co_await echo(ws);
    }

    template <class WebSocket>
    asio::awaitable<void> echo(WebSocket& ws) {
        std::string skip = "a binary message the client skips";
        for (;;) {
            beast::flat_buffer message;
            auto [ec, n] = co_await ws.async_read(message, as_tuple(use_awaitable));
            if (ec)
                co_return;
            ws.binary(true);
            auto [binary_ec, b] =
                co_await ws.async_write(asio::buffer(skip), as_tuple(use_awaitable));
            ws.text(true);
            auto [text_ec, t] = co_await ws.async_write(message.data(), as_tuple(use_awaitable));
            if (binary_ec || text_ec)
                co_return;
        }
    }

    tcp::acceptor acceptor;
    std::uint16_t port;
    asio::steady_timer stopped; // never expires: stop() cancels it to end silent sessions
    std::optional<ssl::context> tls;
    open_streams open;
    int connections = 0;
};

ws_server::ws_server(test_loop& loop, ws_server_options options)
    : impl_(std::make_unique<impl>(loop, options.tls)) {}

ws_server::~ws_server() = default;

std::string ws_server::url(std::string_view target, std::string_view host) const {
    return std::string(impl_->tls ? "wss://" : "ws://") + std::string(host) + ":" +
           std::to_string(impl_->port) + std::string(target);
}

int ws_server::connections() const {
    return impl_->connections;
}

} // namespace siren::test
