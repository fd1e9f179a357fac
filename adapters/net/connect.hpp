#pragma once
// The first steps every outgoing connection shares: resolve and connect, then (for https and
// wss) the TLS handshake with SNI and host name verification. Internal to adapters/net.

#include <cstdint>
#include <string>

#include <boost/asio/awaitable.hpp>
#include <boost/asio/ssl/stream.hpp>
#include <boost/beast/core/tcp_stream.hpp>

namespace siren::net {

using tls_stream = boost::asio::ssl::stream<boost::beast::tcp_stream>;

// Resolves host and connects to the first address that accepts, within the expiry the caller
// set on stream. The resolver itself cannot be cancelled (getaddrinfo runs on Asio's resolver
// thread); the system's resolver timeouts bound it.
[[nodiscard]] boost::asio::awaitable<boost::system::error_code>
connect_tcp(boost::beast::tcp_stream& stream, std::string host, std::uint16_t port);

// Client handshake on a connected stream, within the expiry the caller set on its lowest layer.
// The certificate must chain to the context's trust anchors and name host (DNS or IP SAN).
[[nodiscard]] boost::asio::awaitable<boost::system::error_code> handshake_tls(tls_stream& stream,
                                                                              std::string host);

} // namespace siren::net
