#include "support/http_server.hpp"

#include "support/certs.hpp"
#include "support/open_streams.hpp"

#include <optional>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

namespace siren::test {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace ssl = asio::ssl;
using tcp = asio::ip::tcp;
using asio::as_tuple;
using asio::use_awaitable;

struct http_server::impl {
    impl(test_loop& loop, const http_server_options& options)
        : acceptor(loop.io(), tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0))
        , port(acceptor.local_endpoint().port()) {
        if (options.tls) {
            tls.emplace(ssl::context::tls_server);
            tls->use_certificate_chain_file(cert_file(options.certificate + ".pem"));
            tls->use_private_key_file(cert_file(options.certificate + ".key"), ssl::context::pem);
        }
        loop.on_stop([this] { stop(); });
        asio::co_spawn(acceptor.get_executor(), accept_loop(), rethrow);
    }

    void stop() {
        acceptor.close();
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
        beast::tcp_stream stream(std::move(socket));
        open_stream live(open, stream);
        co_await serve(stream);
    }

    asio::awaitable<void> tls_session(tcp::socket socket) {
        ssl::stream<beast::tcp_stream> stream(std::move(socket), *tls);
        open_stream live(open, stream.next_layer());
        auto [ec] =
            co_await stream.async_handshake(ssl::stream_base::server, as_tuple(use_awaitable));
        if (!ec)
            co_await serve(stream);
    }

    template <class Stream>
    asio::awaitable<void> serve(Stream& stream) {
        beast::flat_buffer buffer;
        for (;;) {
            http::request<http::string_body> request;
            auto [ec, n] =
                co_await http::async_read(stream, buffer, request, as_tuple(use_awaitable));
            if (ec)
                co_return;
            ++requests;
            std::string target(request.target());
            if (target == "/hang")
                continue;
            if (target == "/partial") {
                std::string partial = "HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\nonly a part";
                co_await asio::async_write(stream, asio::buffer(partial), as_tuple(use_awaitable));
                co_return;
            }
            auto response = respond(request);
            auto [write_ec, written] =
                co_await http::async_write(stream, response, as_tuple(use_awaitable));
            if (write_ec || target == "/close-idle" || !response.keep_alive())
                co_return;
        }
    }

    static http::response<http::string_body>
    respond(const http::request<http::string_body>& request) {
        http::response<http::string_body> response(http::status::ok, request.version());
        response.set(http::field::content_type, "text/plain");
        if (request.target() == "/big") {
            response.body() = std::string(9 * 1024 * 1024, 'x');
        } else {
            response.body() = std::string(request.method_string()) + " " +
                              std::string(request.target()) + "\n" + request.body();
            response.set("X-Echo", request["X-Test"]);
            response.set("X-Host", request[http::field::host]);
            response.set("X-User-Agent", request[http::field::user_agent]);
        }
        response.keep_alive(request.keep_alive() && request.target() != "/connection-close");
        response.prepare_payload();
        return response;
    }

    tcp::acceptor acceptor;
    std::uint16_t port;
    std::optional<ssl::context> tls;
    open_streams open;
    int connections = 0;
    int requests = 0;
};

http_server::http_server(test_loop& loop, http_server_options options)
    : impl_(std::make_unique<impl>(loop, options)) {}

http_server::~http_server() = default;

std::string http_server::url(std::string_view target, std::string_view host) const {
    return std::string(impl_->tls ? "https://" : "http://") + std::string(host) + ":" +
           std::to_string(port()) + std::string(target);
}

std::uint16_t http_server::port() const {
    return impl_->port;
}

int http_server::connections() const {
    return impl_->connections;
}

int http_server::requests() const {
    return impl_->requests;
}

} // namespace siren::test
