// WebSocket client connections (ws:// and wss://) with Beast: one reader, queued writers, a
// keep-alive that notices a silent peer, and a close that never waits long.

#include "adapters/net/async_mutex.hpp"
#include "adapters/net/connect.hpp"
#include "adapters/net/error.hpp"
#include "adapters/net/tls_context.hpp"
#include "adapters/net/url.hpp"
#include "adapters/net/user_agent.hpp"
#include "adapters/net/websocket.hpp"

#include <optional>
#include <type_traits>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/buffers_to_string.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/websocket/ssl.hpp>
#include <boost/beast/websocket/stream.hpp>

namespace siren::net {

namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace ws = beast::websocket;
using namespace asio::experimental::awaitable_operators;
using boost::system::error_code;
using boost::system::result;
using clock = std::chrono::steady_clock;

// Slack often never answers a close frame; its own SDK gives up after one second.
constexpr std::chrono::seconds close_handshake_limit{1};
// Also covers a close frame queued behind a write that the peer never drains.
constexpr std::chrono::milliseconds close_limit{1500};

void add_user_agent(ws::request_type& request) {
    request.set(beast::http::field::user_agent, user_agent);
}

// NextLayer is beast::tcp_stream (ws://) or tls_stream (wss://). The object must outlive the
// read, write and close calls in progress on it.
template <class NextLayer>
class beast_websocket final : public websocket {
public:
    static constexpr bool is_tls = std::is_same_v<NextLayer, tls_stream>;

    explicit beast_websocket(asio::any_io_executor executor) requires(!is_tls)
        : stream_(executor)
        , write_lock_(executor)
        , close_timer_(executor) {}

    beast_websocket(asio::any_io_executor executor, asio::ssl::context tls) requires(is_tls)
        : tls_(std::move(tls))
        , stream_(executor, *tls_)
        , write_lock_(executor)
        , close_timer_(executor) {}

    // Connect, TLS, upgrade: all within options.handshake_timeout.
    asio::awaitable<error_code> start(url where, websocket_options options) {
        auto deadline = clock::now() + options.handshake_timeout;
        auto& tcp = beast::get_lowest_layer(stream_);
        tcp.expires_at(deadline);
        if (auto connect_ec = co_await connect_tcp(tcp, where.host, where.port))
            co_return connect_ec;
        if constexpr (is_tls) {
            tcp.expires_at(deadline);
            if (auto tls_ec = co_await handshake_tls(stream_.next_layer(), where.host))
                co_return tls_ec;
        }
        // Beast's own timers watch the stream from here; the TCP layer's would fight them.
        tcp.expires_never();
        auto left =
            std::max<clock::duration>(deadline - clock::now(), std::chrono::milliseconds(1));
        // Keep-alive pings at half the idle timeout, so that a half-open connection fails the
        // pending read instead of leaving siren deaf (Beast's suggested() client settings never
        // notice a dead peer).
        stream_.set_option(ws::stream_base::timeout{left, options.idle_timeout, true});
        stream_.set_option(ws::stream_base::decorator(&add_user_agent));
        std::string host = where.authority();
        auto [ec] = co_await stream_.async_handshake(host, where.target,
                                                     asio::as_tuple(asio::use_awaitable));
        if (ec)
            co_return ec;
        // Once open, the handshake limit applies to the close handshake alone.
        stream_.set_option(
            ws::stream_base::timeout{close_handshake_limit, options.idle_timeout, true});
        stream_.text(true);
        co_return error_code{};
    }

    asio::awaitable<result<std::string>> read() override {
        for (;;) {
            buffer_.clear();
            auto [ec, n] =
                co_await stream_.async_read(buffer_, asio::as_tuple(asio::use_awaitable));
            if (ec)
                co_return ec;
            if (stream_.got_text())
                co_return beast::buffers_to_string(buffer_.data());
        }
    }

    asio::awaitable<result<void>> write(std::string text) override {
        // Beast allows one write in flight; the others wait their turn here.
        auto turn = co_await write_lock_.lock();
        if (!turn)
            co_return turn.error();
        auto [ec, n] =
            co_await stream_.async_write(asio::buffer(text), asio::as_tuple(asio::use_awaitable));
        if (ec)
            co_return ec;
        co_return result<void>{};
    }

    asio::awaitable<void> close() override {
        if (closing_)
            co_return;
        closing_ = true;
        close_timer_.expires_after(close_limit);
        auto handshake =
            stream_.async_close(ws::close_code::normal, asio::as_tuple(asio::use_awaitable));
        auto limit = close_timer_.async_wait(asio::as_tuple(asio::use_awaitable));
        try {
            // Whatever the handshake ended with (a timeout, a truncated TLS stream, a stream that
            // had already failed), the connection is over.
            auto first = co_await (std::move(handshake) || std::move(limit));
            if (first.index() == 0)
                co_return;
        } catch (const boost::system::system_error&) {
            // The caller is being cancelled (shutdown): no time left for a handshake.
        }
        beast::get_lowest_layer(stream_).close(); // ends a write the peer never drained
    }

private:
    std::optional<asio::ssl::context> tls_; // wss only; declared before stream_, which uses it
    ws::stream<NextLayer> stream_;
    beast::flat_buffer buffer_;
    async_mutex write_lock_;
    asio::steady_timer close_timer_;
    bool closing_ = false;
};

template <class NextLayer>
asio::awaitable<result<std::unique_ptr<websocket>>>
open_connection(std::unique_ptr<beast_websocket<NextLayer>> socket, url where,
                websocket_options options) {
    if (auto ec = co_await socket->start(std::move(where), std::move(options)))
        co_return ec;
    co_return std::unique_ptr<websocket>(std::move(socket));
}

} // namespace

asio::awaitable<result<std::unique_ptr<websocket>>>
connect_websocket(asio::any_io_executor executor, std::string url_text, websocket_options options) {
    auto where = parse_url(url_text);
    if (!where)
        co_return where.error();
    if (where->scheme == url_scheme::ws) {
        auto socket = std::make_unique<beast_websocket<beast::tcp_stream>>(executor);
        co_return co_await open_connection(std::move(socket), *where, std::move(options));
    }
    if (where->scheme != url_scheme::wss)
        co_return errc::unsupported_scheme;
    auto context = make_tls_context(options.tls);
    if (!context)
        co_return context.error();
    auto socket = std::make_unique<beast_websocket<tls_stream>>(executor, std::move(*context));
    co_return co_await open_connection(std::move(socket), *where, std::move(options));
}

} // namespace siren::net
