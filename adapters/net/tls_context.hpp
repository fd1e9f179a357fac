#pragma once
// The TLS settings of every outgoing connection, kept in one place so that no client can turn
// verification off by accident. Internal to adapters/net.

#include "adapters/net/http_client.hpp"

#include <boost/asio/ssl/context.hpp>
#include <boost/system/result.hpp>

namespace siren::net {

// A TLS 1.2+ client context that verifies peers against the system's trust store plus
// options.ca_file when given. Build it once per client and share it between connections: an
// ssl::context must not change while streams use it. Fails when the CA file cannot be loaded.
boost::system::result<boost::asio::ssl::context> make_tls_context(const tls_options& options);

} // namespace siren::net
