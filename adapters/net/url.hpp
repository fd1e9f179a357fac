#pragma once
// The URLs siren connects to (Slack's API and Socket Mode endpoints, pagers, test servers),
// parsed once into what a connection and a request line need.

#include <cstdint>
#include <string>
#include <string_view>

#include <boost/system/result.hpp>

namespace siren::net {

enum class url_scheme { http, https, ws, wss };

struct url {
    url_scheme scheme = url_scheme::https;
    std::string host; // lower case; IPv6 literals without their brackets
    std::uint16_t port = 0;
    std::string target; // path and query, at least "/"; the fragment is dropped

    bool secure() const { return scheme == url_scheme::https || scheme == url_scheme::wss; }
    // What the Host header wants: brackets around IPv6, the port only when not the default.
    std::string authority() const;
    // "https://slack.com:443": connections with the same origin are interchangeable.
    std::string origin() const;
};

// Accepts http://, https://, ws:// and wss:// URLs with an optional port (defaults 80 and 443).
// Rejects other schemes, user info, spaces and control characters with errc values
// (adapters/net/error.hpp).
boost::system::result<url> parse_url(std::string_view text);

} // namespace siren::net
