#include "adapters/net/error.hpp"
#include "adapters/net/http_client.hpp"
#include "support/certs.hpp"
#include "support/checks.hpp"
#include "support/http_server.hpp"
#include "support/test_loop.hpp"

#include <boost/asio/error.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/http/error.hpp>
#include <doctest/doctest.h>

using namespace siren;
using namespace siren::test;
using namespace std::chrono_literals;
using namespace boost::asio::experimental::awaitable_operators;
namespace asio = boost::asio;

namespace {

net::http_request get(std::string url) {
    net::http_request request;
    request.method = "GET";
    request.url = std::move(url);
    return request;
}

std::unique_ptr<net::http_client> plain_client(test_loop& loop) {
    return net::make_http_client(loop.io().get_executor(), {});
}

std::unique_ptr<net::http_client> trusting_client(test_loop& loop) {
    return net::make_http_client(loop.io().get_executor(), {.ca_file = cert_file("ca.pem")});
}

asio::awaitable<void> get_and_post(net::http_client* client, http_server* server) {
    net::http_request post;
    post.url = server->url("/things?id=7");
    post.headers = {{"X-Test", "passed through"}, {"Content-Type", "text/plain"}};
    post.body = "hello";
    auto posted = co_await client->send(post);
    REQUIRE_OK(posted);
    CHECK(posted->status == 200);
    CHECK(posted->body == "POST /things?id=7\nhello");
    CHECK(posted->header("x-echo") == "passed through");
    CHECK(posted->header("X-HOST") == "127.0.0.1:" + std::to_string(server->port()));
    CHECK(posted->header("X-User-Agent")->starts_with("siren/"));
    CHECK(posted->header("Content-Length") == "23");
    CHECK_FALSE(posted->header("X-Missing"));

    auto got = co_await client->send(get(server->url("/")));
    REQUIRE_OK(got);
    CHECK(got->body == "GET /\n");
}

asio::awaitable<void> http_round_trips(test_loop* loop, http_server* server) {
    auto client = plain_client(*loop);
    co_await get_and_post(client.get(), server);
}

asio::awaitable<void> https_round_trips(test_loop* loop, http_server* server) {
    auto client = trusting_client(*loop);
    co_await get_and_post(client.get(), server);
    // A name rather than an address: SNI is sent and the DNS name is checked.
    auto by_name = co_await client->send(get(server->url("/named", "localhost")));
    REQUIRE_OK(by_name);
    CHECK(by_name->body == "GET /named\n");
}

asio::awaitable<void> sequential_sends(test_loop* loop, http_server* server) {
    auto client = plain_client(*loop);
    auto first = co_await client->send(get(server->url("/one")));
    auto second = co_await client->send(get(server->url("/two")));
    REQUIRE_OK(first);
    REQUIRE_OK(second);
    CHECK(server->connections() == 1);
}

asio::awaitable<void> concurrent_sends(test_loop* loop, http_server* server) {
    auto client = plain_client(*loop);
    auto a = client->send(get(server->url("/a")));
    auto b = client->send(get(server->url("/b")));
    auto c = client->send(get(server->url("/c")));
    auto [ra, rb, rc] = co_await (std::move(a) && std::move(b) && std::move(c));
    REQUIRE_OK(ra);
    REQUIRE_OK(rb);
    REQUIRE_OK(rc);
    CHECK(ra->body == "GET /a\n");
    CHECK(rb->body == "GET /b\n");
    CHECK(rc->body == "GET /c\n");
    CHECK(server->connections() == 3);
    auto d = co_await client->send(get(server->url("/d")));
    REQUIRE_OK(d);
    CHECK(server->connections() == 3); // taken from the pool
}

asio::awaitable<void> server_closes_idle(test_loop* loop, http_server* server) {
    auto client = plain_client(*loop);
    auto first = co_await client->send(get(server->url("/close-idle")));
    REQUIRE_OK(first);
    // The parked connection is dead by now; the request goes again on a new one.
    auto second = co_await client->send(get(server->url("/after")));
    REQUIRE_OK(second);
    CHECK(second->body == "GET /after\n");
    CHECK(server->connections() == 2);
}

asio::awaitable<void> server_says_close(test_loop* loop, http_server* server) {
    auto client = plain_client(*loop);
    auto first = co_await client->send(get(server->url("/connection-close")));
    REQUIRE_OK(first);
    CHECK(first->header("Connection") == "close");
    auto second = co_await client->send(get(server->url("/after")));
    REQUIRE_OK(second);
    CHECK(server->connections() == 2);
    CHECK(server->requests() == 2); // nothing was sent on the closed connection
}

asio::awaitable<void> server_dies_mid_response(test_loop* loop, http_server* server) {
    auto client = plain_client(*loop);
    auto first = co_await client->send(get(server->url("/warm-up")));
    REQUIRE_OK(first);
    auto broken = co_await client->send(get(server->url("/partial")));
    REQUIRE_FAILED(broken);
    CHECK(broken.error() == boost::beast::http::error::partial_message);
    CHECK(server->requests() == 2); // not sent again
    CHECK(server->connections() == 1);
}

asio::awaitable<void> times_out(test_loop* loop, http_server* server) {
    auto client = plain_client(*loop);
    auto request = get(server->url("/hang"));
    request.timeout = 300ms;
    auto start = std::chrono::steady_clock::now();
    auto response = co_await client->send(request);
    auto took = elapsed(start);
    REQUIRE_FAILED(response);
    CHECK(response.error() == boost::beast::error::timeout);
    CHECK(took >= 290ms);
    CHECK(took < 1500ms);
}

asio::awaitable<void> too_big(test_loop* loop, http_server* server) {
    auto client = plain_client(*loop);
    auto response = co_await client->send(get(server->url("/big")));
    REQUIRE_FAILED(response);
    CHECK(response.error() == boost::beast::http::error::body_limit);
}

asio::awaitable<void> refused(test_loop* loop, std::uint16_t port) {
    auto client = plain_client(*loop);
    auto response = co_await client->send(get("http://127.0.0.1:" + std::to_string(port) + "/"));
    REQUIRE_FAILED(response);
    CHECK(response.error() == asio::error::connection_refused);
}

asio::awaitable<void> expect_verification_failure(std::unique_ptr<net::http_client> client,
                                                  std::string url) {
    auto response = co_await client->send(get(url));
    REQUIRE_FAILED(response);
    CHECK_MESSAGE(mentions(response.error(), "certificate verify failed"),
                  response.error().message());
}

asio::awaitable<void> refuses_bad_requests(test_loop* loop) {
    auto client = plain_client(*loop);
    auto bad_scheme = co_await client->send(get("wss://127.0.0.1/"));
    CHECK(bad_scheme.error() == net::errc::unsupported_scheme);
    auto bad_header = get("http://127.0.0.1:1/");
    bad_header.headers = {{"X-Evil", "a\r\nInjected: yes"}};
    auto injected = co_await client->send(bad_header);
    CHECK(injected.error() == net::errc::invalid_request);
    auto bad_method = get("http://127.0.0.1:1/");
    bad_method.method = "GET /other HTTP/1.1\r\n";
    auto smuggled = co_await client->send(bad_method);
    CHECK(smuggled.error() == net::errc::invalid_request);
}

} // namespace

TEST_CASE("HTTP GET and POST carry headers and bodies both ways") {
    test_loop loop;
    http_server server(loop);
    loop.run(http_round_trips(&loop, &server));
}

TEST_CASE("sequential requests reuse one keep-alive connection") {
    test_loop loop;
    http_server server(loop);
    loop.run(sequential_sends(&loop, &server));
}

TEST_CASE("concurrent requests each get a connection of their own") {
    test_loop loop;
    http_server server(loop);
    loop.run(concurrent_sends(&loop, &server));
}

TEST_CASE("a parked connection the server closed is replaced transparently") {
    test_loop loop;
    http_server server(loop);
    loop.run(server_closes_idle(&loop, &server));
}

TEST_CASE("Connection: close from the server drops the connection") {
    test_loop loop;
    http_server server(loop);
    loop.run(server_says_close(&loop, &server));
}

TEST_CASE("a response cut short is an error and is not sent again") {
    test_loop loop;
    http_server server(loop);
    loop.run(server_dies_mid_response(&loop, &server));
}

TEST_CASE("a server that never answers times out after the request's timeout") {
    test_loop loop;
    http_server server(loop);
    loop.run(times_out(&loop, &server));
}

TEST_CASE("bodies over 8 MiB are refused") {
    test_loop loop;
    http_server server(loop);
    loop.run(too_big(&loop, &server));
}

TEST_CASE("a closed port is connection refused") {
    test_loop loop;
    std::uint16_t port = 0;
    {
        // Bound and closed again: nothing listens there now.
        asio::ip::tcp::acceptor probe(loop.io(), {asio::ip::make_address("127.0.0.1"), 0});
        port = probe.local_endpoint().port();
    }
    loop.run(refused(&loop, port));
}

TEST_CASE("URLs, methods and headers that cannot be sent are refused") {
    test_loop loop;
    loop.run(refuses_bad_requests(&loop));
}

TEST_CASE("HTTPS with the test CA, by address and by name") {
    test_loop loop;
    http_server server(loop, {.tls = true});
    loop.run(https_round_trips(&loop, &server));
}

TEST_CASE("HTTPS fails verification without the test CA") {
    test_loop loop;
    http_server server(loop, {.tls = true});
    loop.run(expect_verification_failure(plain_client(loop), server.url("/")));
}

TEST_CASE("HTTPS fails verification when the certificate names another host") {
    test_loop loop;
    http_server server(loop, {.tls = true, .certificate = "other"});
    loop.run(expect_verification_failure(trusting_client(loop), server.url("/", "localhost")));
}

TEST_CASE("a CA file that cannot be read stops start-up") {
    test_loop loop;
    CHECK_THROWS_AS(net::make_http_client(loop.io().get_executor(), {.ca_file = "/nonexistent"}),
                    boost::system::system_error);
}
