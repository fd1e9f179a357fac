#pragma once
// An HTTP(S) client behind a small interface, so that protocol clients (Slack Web API, pagers)
// never include Beast and can be tested with a scripted fake.

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/error.hpp>
#include <boost/system/result.hpp>

namespace siren::net {

using header_list = std::vector<std::pair<std::string, std::string>>;

struct http_request {
    std::string method = "POST";
    std::string url; // "https://slack.com/api/chat.postMessage", "http://127.0.0.1:9000/x"
    header_list headers;
    std::string body;
    std::chrono::milliseconds timeout{10'000}; // the whole exchange, connect included
};

struct http_response {
    int status = 0;
    header_list headers;
    std::string body;

    // Case-insensitive; the first header of that name.
    std::optional<std::string_view> header(std::string_view name) const;
};

class http_client {
public:
    virtual ~http_client() = default;
    // Transport failures (resolve, connect, TLS, timeout, reset) come back as error codes; any
    // HTTP status is a response. Never throws for them.
    [[nodiscard]] virtual boost::asio::awaitable<boost::system::result<http_response>>
    send(http_request request) = 0;
};

// Whether a failed exchange may still have reached the server. Only failures before any
// connection existed (the name did not resolve, the port refused, no route) prove it did not;
// after that, a timeout or a reset can come after the server acted on the request.
inline bool may_have_reached_server(const boost::system::error_code& ec) {
    namespace error = boost::asio::error;
    return ec != error::connection_refused && ec != error::host_not_found &&
           ec != error::host_not_found_try_again && ec != error::network_unreachable &&
           ec != error::host_unreachable;
}

struct tls_options {
    std::string ca_file; // extra trusted CA bundle (PEM); empty: the system's trust store only
};

// Keeps idle keep-alive connections per host and port for reuse, so that a burst of calls to
// one API costs one TLS handshake. Certificates and host names are verified. Throws
// boost::system::system_error when tls.ca_file cannot be loaded: a start-up error.
std::unique_ptr<http_client> make_http_client(boost::asio::any_io_executor executor,
                                              tls_options tls);

} // namespace siren::net
