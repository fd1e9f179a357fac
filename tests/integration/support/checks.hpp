#pragma once
// Checks on boost::system::result that print the error's message, not the value (doctest
// cannot print an http_response or a socket), and on error messages.

#include <string>
#include <string_view>

#include <boost/system/error_code.hpp>
#include <doctest/doctest.h>

#define REQUIRE_OK(r) REQUIRE_MESSAGE((r).has_value(), (r).error().message())
#define REQUIRE_FAILED(r) REQUIRE_FALSE((r).has_value())

namespace siren::test {

// Whether an error's message contains text: for OpenSSL's errors, whose codes the tests do not
// include OpenSSL's headers to name.
inline bool mentions(const boost::system::error_code& ec, std::string_view text) {
    return ec.message().find(text) != std::string::npos;
}

} // namespace siren::test
