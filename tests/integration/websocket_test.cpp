#include "adapters/net/error.hpp"
#include "adapters/net/websocket.hpp"
#include "support/certs.hpp"
#include "support/checks.hpp"
#include "support/test_loop.hpp"
#include "support/ws_server.hpp"

#include <map>

#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/websocket/error.hpp>
#include <doctest/doctest.h>

using namespace siren;
using namespace siren::test;
using namespace std::chrono_literals;
using namespace boost::asio::experimental::awaitable_operators;
namespace asio = boost::asio;

namespace {

using socket_ptr = std::unique_ptr<net::websocket>;

net::websocket_options trusting(std::chrono::seconds idle_timeout = 40s) {
    net::websocket_options options;
    options.idle_timeout = idle_timeout;
    options.tls.ca_file = cert_file("ca.pem");
    return options;
}

asio::awaitable<socket_ptr> connect(test_loop* loop, std::string url,
                                    net::websocket_options options) {
    auto connected = co_await net::connect_websocket(loop->io().get_executor(), url, options);
    REQUIRE_OK(connected);
    co_return std::move(*connected);
}

asio::awaitable<void> echo_round_trip(test_loop* loop, std::string url) {
    auto ws = co_await connect(loop, url, trusting());
    // The server's first message reports the target and User-Agent it saw in the handshake.
    auto seen = co_await ws->read();
    REQUIRE_OK(seen);
    CHECK(seen->starts_with("/target/x?ticket=abc&n=1 siren/"));
    auto written = co_await ws->write("hello");
    REQUIRE_OK(written);
    auto echoed = co_await ws->read(); // the binary message before it is skipped
    REQUIRE_OK(echoed);
    CHECK(*echoed == "hello");
    co_await ws->close();
}

std::string message(int writer, int seq) {
    std::string text = "w" + std::to_string(writer) + ":" + std::to_string(seq) + ":";
    // Large enough to fill the socket buffers, so that writes really do wait for each other.
    text.append(64 * 1024, static_cast<char>('a' + writer));
    return text;
}

constexpr int writers = 4;
constexpr int per_writer = 25;

asio::awaitable<void> write_all(net::websocket* ws, int writer) {
    for (int seq = 0; seq < per_writer; ++seq) {
        auto written = co_await ws->write(message(writer, seq));
        REQUIRE_OK(written);
    }
}

asio::awaitable<void> read_all(net::websocket* ws) {
    std::map<int, int> next; // per writer, the sequence number expected next
    for (int i = 0; i < writers * per_writer; ++i) {
        auto text = co_await ws->read();
        REQUIRE_OK(text);
        int writer = (*text)[1] - '0';
        REQUIRE(writer >= 0);
        REQUIRE(writer < writers);
        CHECK(*text == message(writer, next[writer]));
        ++next[writer];
    }
    for (int w = 0; w < writers; ++w)
        CHECK(next[w] == per_writer);
}

asio::awaitable<void> concurrent_writes(test_loop* loop, std::string url) {
    auto ws = co_await connect(loop, url, trusting());
    auto w0 = write_all(ws.get(), 0);
    auto w1 = write_all(ws.get(), 1);
    auto w2 = write_all(ws.get(), 2);
    auto w3 = write_all(ws.get(), 3);
    auto reader = read_all(ws.get());
    co_await (std::move(w0) && std::move(w1) && std::move(w2) && std::move(w3) &&
              std::move(reader));
    co_await ws->close();
}

asio::awaitable<void> silent_peer_times_out(test_loop* loop, std::string url) {
    auto ws = co_await connect(loop, url, trusting(1s));
    auto start = std::chrono::steady_clock::now();
    auto nothing = co_await ws->read();
    auto took = elapsed(start);
    REQUIRE_FAILED(nothing);
    CHECK(nothing.error() == boost::beast::error::timeout);
    CHECK(took >= 900ms);
    CHECK(took < 3s);
    co_await ws->close();
}

asio::awaitable<void> server_closes(test_loop* loop, std::string url) {
    auto ws = co_await connect(loop, url, trusting());
    auto after_close = co_await ws->read();
    REQUIRE_FAILED(after_close);
    CHECK(after_close.error() == boost::beast::websocket::error::closed);
    auto write_after_close = co_await ws->write("too late");
    CHECK_FALSE(write_after_close.has_value());
    co_await ws->close();
}

asio::awaitable<void> close_is_bounded(test_loop* loop, std::string url) {
    auto ws = co_await connect(loop, url, trusting());
    auto start = std::chrono::steady_clock::now();
    co_await ws->close();
    CHECK(elapsed(start) < 2s);
    co_await ws->close(); // a second close does nothing
}

asio::awaitable<void> close_while_reading(test_loop* loop, std::string url) {
    auto ws = co_await connect(loop, url, trusting());
    auto start = std::chrono::steady_clock::now();
    auto reading = ws->read();
    auto closing = ws->close();
    auto read = co_await (std::move(reading) && std::move(closing));
    CHECK_FALSE(read.has_value());
    CHECK(elapsed(start) < 2s);
}

asio::awaitable<void> expect_connect_error(test_loop* loop, std::string url,
                                           net::websocket_options options,
                                           boost::system::error_code expected) {
    auto connected = co_await net::connect_websocket(loop->io().get_executor(), url, options);
    REQUIRE_FAILED(connected);
    CHECK_MESSAGE(connected.error() == expected, connected.error().message());
}

asio::awaitable<void> expect_untrusted(test_loop* loop, std::string url) {
    net::websocket_options system_store_only;
    auto connected =
        co_await net::connect_websocket(loop->io().get_executor(), url, system_store_only);
    REQUIRE_FAILED(connected);
    CHECK_MESSAGE(mentions(connected.error(), "certificate verify failed"),
                  connected.error().message());
}

} // namespace

TEST_CASE("ws:// connects with the URL's target and echoes, skipping binary messages") {
    test_loop loop;
    ws_server server(loop);
    loop.run(echo_round_trip(&loop, server.url("/target/x?ticket=abc&n=1")));
}

TEST_CASE("wss:// connects with the test CA and echoes") {
    test_loop loop;
    ws_server server(loop, {.tls = true});
    loop.run(echo_round_trip(&loop, server.url("/target/x?ticket=abc&n=1", "localhost")));
}

TEST_CASE("wss:// without the test CA fails verification") {
    test_loop loop;
    ws_server server(loop, {.tls = true});
    loop.run(expect_untrusted(&loop, server.url("/")));
}

TEST_CASE("concurrent writers: every message arrives intact and in each writer's order") {
    test_loop loop;
    ws_server server(loop);
    loop.run(concurrent_writes(&loop, server.url("/echo")));
}

TEST_CASE("concurrent writers over TLS") {
    test_loop loop;
    ws_server server(loop, {.tls = true});
    loop.run(concurrent_writes(&loop, server.url("/echo")));
}

TEST_CASE("a peer that goes silent fails the pending read after the idle timeout") {
    test_loop loop;
    ws_server server(loop);
    loop.run(silent_peer_times_out(&loop, server.url("/silent")));
}

TEST_CASE("the server closing the connection fails the read") {
    test_loop loop;
    ws_server server(loop);
    loop.run(server_closes(&loop, server.url("/close")));
}

TEST_CASE("close() returns soon when the peer never answers the close frame") {
    test_loop loop;
    ws_server server(loop, {.tls = true});
    loop.run(close_is_bounded(&loop, server.url("/silent")));
}

TEST_CASE("close() while a read is pending ends both") {
    test_loop loop;
    ws_server server(loop);
    loop.run(close_while_reading(&loop, server.url("/silent")));
}

TEST_CASE("connect errors come back as values") {
    test_loop loop;
    ws_server server(loop);
    loop.run(expect_connect_error(&loop, server.url("/").replace(0, 2, "http"), {},
                                  net::errc::unsupported_scheme));
}
