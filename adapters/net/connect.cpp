#include "adapters/net/connect.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/ip/address.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/error.hpp>
#include <boost/asio/ssl/host_name_verification.hpp>
#include <boost/asio/use_awaitable.hpp>

namespace siren::net {

namespace asio = boost::asio;
using boost::system::error_code;

asio::awaitable<error_code> connect_tcp(boost::beast::tcp_stream& stream, std::string host,
                                        std::uint16_t port) {
    asio::ip::tcp::resolver resolver(stream.get_executor());
    std::string service = std::to_string(port);
    auto [resolve_ec, endpoints] =
        co_await resolver.async_resolve(host, service, asio::as_tuple(asio::use_awaitable));
    if (resolve_ec)
        co_return resolve_ec;
    auto [connect_ec, endpoint] =
        co_await stream.async_connect(endpoints, asio::as_tuple(asio::use_awaitable));
    if (connect_ec)
        co_return connect_ec;
    // Requests and WebSocket frames are small and latency-bound.
    error_code ignored;
    stream.socket().set_option(asio::ip::tcp::no_delay(true), ignored);
    co_return error_code{};
}

asio::awaitable<error_code> handshake_tls(tls_stream& stream, std::string host) {
    error_code not_an_address;
    asio::ip::make_address(host, not_an_address);
    // SNI carries names only (RFC 6066); many hosts need it to pick the right certificate.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wold-style-cast" // inside OpenSSL's macro
    if (not_an_address && !SSL_set_tlsext_host_name(stream.native_handle(), host.c_str()))
        co_return error_code(static_cast<int>(::ERR_get_error()), asio::error::get_ssl_category());
#pragma GCC diagnostic pop
    error_code callback_ec;
    stream.set_verify_callback(asio::ssl::host_name_verification(host), callback_ec);
    if (callback_ec)
        co_return callback_ec;
    auto [ec] = co_await stream.async_handshake(asio::ssl::stream_base::client,
                                                asio::as_tuple(asio::use_awaitable));
    co_return ec;
}

} // namespace siren::net
