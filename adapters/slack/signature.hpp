#pragma once
// Slack's v0 request signature (protocols.md §2.3), for requests that arrive over HTTP (slash
// commands and interactions in HTTP mode). Socket Mode needs none: the socket is authenticated.

#include "core/outcome.hpp"
#include "core/time.hpp"

#include <string_view>

namespace siren::slack {

inline constexpr seconds max_request_age{300};

// Succeeds when signature_header (X-Slack-Signature) is "v0=" + hex HMAC-SHA256 of
// "v0:<timestamp>:<body>" keyed with the signing secret, and timestamp_header
// (X-Slack-Request-Timestamp) is within max_request_age of now either way. body must be the raw
// bytes as received. The error says which check failed and never contains the secret.
outcome<> verify_request(std::string_view signing_secret, std::string_view timestamp_header,
                         std::string_view body, std::string_view signature_header, time_point now);

} // namespace siren::slack
