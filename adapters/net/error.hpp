#pragma once
// siren's own network error codes, for failures that are not the OS's, Asio's or Beast's.

#include <boost/system/error_code.hpp>

namespace siren::net {

enum class errc {
    unsupported_scheme = 1, // only http, https, ws and wss
    missing_host,
    invalid_port,
    invalid_url,     // spaces, control characters, user info, an unclosed IPv6 bracket
    invalid_request, // a method or header that would break the request line or headers
};

const boost::system::error_category& net_category() noexcept;

inline boost::system::error_code make_error_code(errc e) noexcept {
    return {static_cast<int>(e), net_category()};
}

} // namespace siren::net

template <>
struct boost::system::is_error_code_enum<siren::net::errc> : std::true_type {};
