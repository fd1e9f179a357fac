#include "adapters/net/tls_context.hpp"

namespace siren::net {

namespace ssl = boost::asio::ssl;

boost::system::result<ssl::context> make_tls_context(const tls_options& options) {
    ssl::context context(ssl::context::tls_client);
    boost::system::error_code ec;
    context.set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 |
                            ssl::context::no_sslv3 | ssl::context::no_tlsv1 |
                            ssl::context::no_tlsv1_1,
                        ec);
    if (!ec)
        context.set_verify_mode(ssl::verify_peer, ec);
    if (!ec)
        context.set_default_verify_paths(ec);
    if (!ec && !options.ca_file.empty())
        context.load_verify_file(options.ca_file, ec);
    if (ec)
        return ec;
    return context;
}

} // namespace siren::net
