#include "adapters/net/error.hpp"
#include "adapters/net/http_client.hpp"
#include "adapters/net/http_server.hpp"
#include "support/checks.hpp"
#include "support/test_loop.hpp"

#include <array>
#include <stdexcept>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/error.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <doctest/doctest.h>

using namespace siren;
using namespace siren::test;
using namespace std::chrono_literals;
namespace asio = boost::asio;
using tcp = asio::ip::tcp;
using asio::as_tuple;
using asio::use_awaitable;

namespace {

void rethrow(std::exception_ptr e) {
    if (e)
        std::rethrow_exception(e);
}

net::spawner spawn_on(test_loop& loop) {
    return [&loop](std::string, asio::awaitable<void> task) {
        asio::co_spawn(loop.io(), std::move(task), rethrow);
    };
}

// Answers "METHOD TARGET\nBODY" with X-Echo (the request's X-Test) and the status in the
// request's X-Status; throws for /throw.
asio::awaitable<net::server_response> echo(net::server_request request, int* requests) {
    ++*requests;
    if (request.target == "/throw")
        throw std::runtime_error("the handler failed");
    net::server_response response;
    if (auto status = request.header("x-status"))
        response.status = std::stoi(std::string(*status));
    response.headers = {{"Content-Type", "text/plain"},
                        {"X-Echo", std::string(request.header("x-test").value_or(""))}};
    response.body = request.method + " " + request.target + "\n" + request.body;
    co_return response;
}

// The echo server on 127.0.0.1 (a free port), running in the test's loop until the test body
// ends.
class echo_server {
public:
    explicit echo_server(test_loop& loop, net::server_limits limits = {}) {
        auto made = net::make_http_server(
            loop.io().get_executor(), "127.0.0.1:0",
            [this](net::server_request request) { return echo(std::move(request), &requests_); },
            spawn_on(loop), limits);
        REQUIRE_OK(made);
        server_ = std::move(*made);
        loop.on_stop([this] { server_->stop(); });
        asio::co_spawn(loop.io(), server_->run(), [this](std::exception_ptr e) {
            run_ended_ = true;
            rethrow(e);
        });
    }
    echo_server(const echo_server&) = delete;
    echo_server& operator=(const echo_server&) = delete;

    std::string url(std::string_view target) const {
        return "http://127.0.0.1:" + std::to_string(port()) + std::string(target);
    }
    std::uint16_t port() const { return server_->port(); }
    void stop() { server_->stop(); }
    int requests() const { return requests_; } // handled so far
    bool run_ended() const { return run_ended_; }

private:
    std::unique_ptr<net::http_server> server_;
    int requests_ = 0;
    bool run_ended_ = false;
};

std::unique_ptr<net::http_client> client(test_loop& loop) {
    return net::make_http_client(loop.io().get_executor(), {});
}

net::http_request request(std::string method, std::string url, std::string body = {}) {
    net::http_request out;
    out.method = std::move(method);
    out.url = std::move(url);
    out.body = std::move(body);
    return out;
}

asio::awaitable<tcp::socket> connect_raw(std::uint16_t port) {
    tcp::socket socket(co_await asio::this_coro::executor);
    tcp::endpoint endpoint(asio::ip::make_address("127.0.0.1"), port);
    co_await socket.async_connect(endpoint, use_awaitable);
    co_return socket;
}

asio::awaitable<void> send_raw(tcp::socket* socket, std::string bytes) {
    co_await asio::async_write(*socket, asio::buffer(bytes), use_awaitable);
}

// What the server sends until marker has arrived, or (with no marker) until it closes the
// connection.
asio::awaitable<std::string> receive(tcp::socket* socket, std::string marker = {}) {
    std::string received;
    std::array<char, 4096> chunk;
    for (;;) {
        auto [ec, n] =
            co_await socket->async_read_some(asio::buffer(chunk), as_tuple(use_awaitable));
        received.append(chunk.data(), n);
        if (ec || (!marker.empty() && received.find(marker) != std::string::npos))
            co_return received;
    }
}

asio::awaitable<void> round_trips(test_loop* loop, echo_server* server) {
    auto http = client(*loop);
    auto post = request("POST", server->url("/slack/commands?x=1"), "hello");
    post.headers = {{"X-Test", "passed through"}, {"X-Status", "201"}};
    auto posted = co_await http->send(post);
    REQUIRE_OK(posted);
    CHECK(posted->status == 201);
    CHECK(posted->body == "POST /slack/commands?x=1\nhello");
    CHECK(posted->header("X-Echo") == "passed through");
    CHECK(posted->header("Content-Type") == "text/plain");
    CHECK(posted->header("Content-Length") == std::to_string(posted->body.size()));

    auto got = co_await http->send(request("GET", server->url("/")));
    REQUIRE_OK(got);
    CHECK(got->status == 200);
    CHECK(got->body == "GET /\n");
    CHECK(got->header("X-Echo") == "");
}

asio::awaitable<void> keep_alive(echo_server* server) {
    auto socket = co_await connect_raw(server->port());
    co_await send_raw(&socket, "GET /one HTTP/1.1\r\nHost: x\r\n\r\n");
    auto first = co_await receive(&socket, "GET /one\n");
    CHECK(first.starts_with("HTTP/1.1 200 OK\r\n"));
    CHECK(first.find("Content-Length: 9\r\n") != std::string::npos);
    co_await send_raw(&socket, "GET /two HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    auto second = co_await receive(&socket);
    CHECK(second.starts_with("HTTP/1.1 200 OK\r\n"));
    CHECK(second.find("Connection: close\r\n") != std::string::npos);
    CHECK(second.ends_with("GET /two\n"));

    auto old = co_await connect_raw(server->port());
    co_await send_raw(&old, "GET /old HTTP/1.0\r\n\r\n");
    auto answer = co_await receive(&old); // HTTP/1.0 without keep-alive: closed after one
    CHECK(answer.starts_with("HTTP/1.0 200 OK\r\n"));
    CHECK(answer.ends_with("GET /old\n"));
    CHECK(server->requests() == 3);
}

asio::awaitable<void> too_large(test_loop* loop, echo_server* server) {
    auto http = client(*loop);
    auto big = co_await http->send(request("POST", server->url("/big"), std::string(4096, 'x')));
    REQUIRE_OK(big);
    CHECK(big->status == 413);
    CHECK(big->header("Connection") == "close");
    CHECK(server->requests() == 0);
    auto small =
        co_await http->send(request("POST", server->url("/small"), std::string(1024, 'x')));
    REQUIRE_OK(small);
    CHECK(small->status == 200);
}

asio::awaitable<void> garbage(echo_server* server) {
    auto socket = co_await connect_raw(server->port());
    co_await send_raw(&socket, "\x01\x02 not http at all\r\n\r\n");
    auto answer = co_await receive(&socket);
    CHECK(answer.starts_with("HTTP/1.1 400 Bad Request\r\n"));
    CHECK(server->requests() == 0);
}

asio::awaitable<void> handler_throws(test_loop* loop, echo_server* server) {
    auto http = client(*loop);
    auto failed = co_await http->send(request("GET", server->url("/throw")));
    REQUIRE_OK(failed);
    CHECK(failed->status == 500);
    CHECK(failed->body == "internal error");
    auto after = co_await http->send(request("GET", server->url("/after")));
    REQUIRE_OK(after);
    CHECK(after->status == 200);
    CHECK(after->body == "GET /after\n");
}

asio::awaitable<void> stalls(echo_server* server) {
    auto socket = co_await connect_raw(server->port());
    co_await send_raw(&socket, "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\nabc");
    auto start = std::chrono::steady_clock::now();
    auto answer = co_await receive(&socket);
    auto took = elapsed(start);
    CHECK(answer.empty());
    CHECK(took >= 900ms);
    CHECK(took < 3000ms);
    CHECK(server->requests() == 0);
}

asio::awaitable<void> too_many(echo_server* server) {
    auto first = co_await connect_raw(server->port());
    co_await send_raw(&first, "GET /first HTTP/1.1\r\nHost: x\r\n\r\n");
    co_await receive(&first, "GET /first\n"); // accepted and open
    auto second = co_await connect_raw(server->port());
    co_await send_raw(&second, "GET /second HTTP/1.1\r\nHost: x\r\n\r\n");
    CHECK(co_await receive(&second) == "");
    CHECK(server->requests() == 1);
}

asio::awaitable<void> stops(echo_server* server) {
    auto socket = co_await connect_raw(server->port());
    co_await send_raw(&socket, "GET /a HTTP/1.1\r\nHost: x\r\n\r\n");
    co_await receive(&socket, "GET /a\n"); // now idle in keep-alive
    server->stop();
    auto start = std::chrono::steady_clock::now();
    CHECK(co_await receive(&socket) == "");
    CHECK(elapsed(start) < 1s);
    asio::steady_timer tick(co_await asio::this_coro::executor, 10ms);
    co_await tick.async_wait(use_awaitable);
    CHECK(server->run_ended());
    tcp::socket late(co_await asio::this_coro::executor);
    tcp::endpoint endpoint(asio::ip::make_address("127.0.0.1"), server->port());
    auto [ec] = co_await late.async_connect(endpoint, as_tuple(use_awaitable));
    CHECK(ec == asio::error::connection_refused);
}

boost::system::result<std::unique_ptr<net::http_server>> make_at(test_loop& loop,
                                                                 std::string listen) {
    return net::make_http_server(
        loop.io().get_executor(), std::move(listen),
        [](net::server_request) -> asio::awaitable<net::server_response> { std::abort(); },
        spawn_on(loop));
}

} // namespace

TEST_CASE("net: server GET and POST carry method, target, headers and bodies both ways") {
    test_loop loop;
    echo_server server(loop);
    loop.run(round_trips(&loop, &server));
}

TEST_CASE("net: server keeps HTTP/1.1 connections alive and closes HTTP/1.0 ones") {
    test_loop loop;
    echo_server server(loop);
    loop.run(keep_alive(&server));
}

TEST_CASE("net: server answers a body over max_body with 413 and closes") {
    test_loop loop;
    echo_server server(loop, {.max_body = 1024});
    loop.run(too_large(&loop, &server));
}

TEST_CASE("net: server answers garbage with 400 and closes") {
    test_loop loop;
    echo_server server(loop);
    loop.run(garbage(&server));
}

TEST_CASE("net: server answers a throwing handler with 500 and keeps serving") {
    test_loop loop;
    echo_server server(loop);
    loop.run(handler_throws(&loop, &server));
}

TEST_CASE("net: server drops a client that stalls mid-request after read_timeout") {
    test_loop loop;
    echo_server server(loop, {.read_timeout = 1s});
    loop.run(stalls(&server));
}

TEST_CASE("net: server closes connections over max_connections at once") {
    test_loop loop;
    echo_server server(loop, {.max_connections = 1});
    loop.run(too_many(&server));
}

TEST_CASE("net: server stop() ends run() and closes open connections") {
    test_loop loop;
    echo_server server(loop);
    loop.run(stops(&server));
}

TEST_CASE("net: server reports a port in use as an error") {
    test_loop loop;
    auto first = make_at(loop, "127.0.0.1:0");
    REQUIRE_OK(first);
    auto second = make_at(loop, "127.0.0.1:" + std::to_string((*first)->port()));
    REQUIRE_FAILED(second);
    CHECK(second.error() == asio::error::address_in_use);
}

TEST_CASE("net: server refuses malformed listen strings") {
    test_loop loop;
    CHECK(make_at(loop, "nonsense").error() == net::errc::invalid_url);
    CHECK(make_at(loop, "::1:8080").error() == net::errc::invalid_url);
    CHECK(make_at(loop, "[::1]8080").error() == net::errc::invalid_url);
    CHECK(make_at(loop, "[::1").error() == net::errc::invalid_url);
    CHECK(make_at(loop, ":8080").error() == net::errc::missing_host);
    CHECK(make_at(loop, "127.0.0.1:").error() == net::errc::invalid_port);
    CHECK(make_at(loop, "127.0.0.1:http").error() == net::errc::invalid_port);
    CHECK(make_at(loop, "127.0.0.1:65536").error() == net::errc::invalid_port);
    auto v6 = make_at(loop, "[::1]:0");
    // Some containers have no IPv6 loopback; when there is one, it binds.
    if (v6)
        CHECK((*v6)->port() != 0);
}
