#pragma once
// What the PagerDuty and Opsgenie clients share about HTTP: headers, URL escapes, which statuses
// are worth another try, and keeping secrets out of failure messages. For the .cpp files of
// siren_pagers only.

#include "adapters/call_result.hpp"
#include "adapters/net/http_client.hpp"
#include "core/time.hpp"

#include <optional>
#include <string>
#include <string_view>

#include <boost/system/error_code.hpp>

namespace siren::pagers::detail {

// Case-insensitive; the first header of that name. The same as net::http_response::header,
// which lives in siren_net: siren_pagers does not link it, so the unit tests never build Beast.
std::optional<std::string_view> header_of(const net::http_response& response,
                                          std::string_view name);

// RFC 3986 percent-encoding of all but the unreserved characters, for a path segment or a query
// value.
std::string url_encode(std::string_view text);

// A whole, non-negative number of seconds ("30"); nullopt for anything else.
std::optional<seconds> parse_seconds(std::string_view text);

// 408, 429 and 5xx: the same request may succeed later.
bool is_transient(int status);

// message with every occurrence of secret replaced by "[redacted]", for text a provider sent
// back (it may quote what it was given). An empty secret changes nothing.
std::string redacted(std::string message, std::string_view secret);

// A request that got no HTTP answer (resolve, connect, TLS, timeout, reset): retryable.
adapters::failure unreachable(std::string_view what, const boost::system::error_code& ec);

} // namespace siren::pagers::detail
