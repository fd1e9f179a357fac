#include "adapters/net/url.hpp"

#include "adapters/net/error.hpp"

#include <algorithm>
#include <array>
#include <charconv>

namespace siren::net {

namespace {

struct scheme_info {
    std::string_view name;
    url_scheme scheme;
    std::uint16_t default_port;
};

constexpr std::array<scheme_info, 4> schemes{{
    {"http", url_scheme::http, 80},
    {"https", url_scheme::https, 443},
    {"ws", url_scheme::ws, 80},
    {"wss", url_scheme::wss, 443},
}};

const scheme_info& info(url_scheme s) {
    return *std::find_if(schemes.begin(), schemes.end(),
                         [s](const scheme_info& i) { return i.scheme == s; });
}

char lower(char c) {
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

std::string lowered(std::string_view s) {
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(), lower);
    return out;
}

bool is_alnum(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

bool is_hex(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

// Host names go into a TLS SNI field, a certificate check and a Host header: only the unreserved
// characters of RFC 3986 (internationalised names arrive as punycode).
bool valid_host_name(std::string_view host) {
    return std::all_of(host.begin(), host.end(), [](char c) {
        return is_alnum(c) || c == '-' || c == '.' || c == '_' || c == '~';
    });
}

bool valid_ipv6(std::string_view host) {
    return host.find(':') != std::string_view::npos &&
           std::all_of(host.begin(), host.end(),
                       [](char c) { return is_hex(c) || c == ':' || c == '.'; });
}

// A space or control character would end the request line early or smuggle in a header.
bool has_unsendable_char(std::string_view text) {
    return std::any_of(text.begin(), text.end(), [](char c) {
        auto u = static_cast<unsigned char>(c);
        return u <= 0x20 || u == 0x7f;
    });
}

boost::system::result<std::uint16_t> parse_port(std::string_view digits) {
    unsigned value = 0;
    auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
    if (digits.empty() || digits.size() > 5 || ec != std::errc{} ||
        end != digits.data() + digits.size() || value == 0 || value > 65535)
        return errc::invalid_port;
    return static_cast<std::uint16_t>(value);
}

std::string bracketed(const std::string& host) {
    return host.find(':') == std::string::npos ? host : "[" + host + "]";
}

} // namespace

std::string url::authority() const {
    if (port == info(scheme).default_port)
        return bracketed(host);
    return bracketed(host) + ":" + std::to_string(port);
}

std::string url::origin() const {
    return std::string(info(scheme).name) + "://" + bracketed(host) + ":" + std::to_string(port);
}

boost::system::result<url> parse_url(std::string_view text) {
    if (has_unsendable_char(text))
        return errc::invalid_url;
    auto separator = text.find("://");
    if (separator == std::string_view::npos)
        return errc::unsupported_scheme;
    std::string scheme_name = lowered(text.substr(0, separator));
    auto known = std::find_if(schemes.begin(), schemes.end(),
                              [&](const scheme_info& i) { return i.name == scheme_name; });
    if (known == schemes.end())
        return errc::unsupported_scheme;

    url out;
    out.scheme = known->scheme;
    out.port = known->default_port;
    std::string_view rest = text.substr(separator + 3);
    auto authority_end = std::min(rest.find_first_of("/?#"), rest.size());
    std::string_view authority = rest.substr(0, authority_end);
    std::string_view path = rest.substr(authority_end);
    if (authority.find('@') != std::string_view::npos)
        return errc::invalid_url; // credentials belong in headers, never in a logged URL

    std::string_view host;
    std::string_view after_host;
    if (authority.starts_with('[')) {
        auto close = authority.find(']');
        if (close == std::string_view::npos || !valid_ipv6(authority.substr(1, close - 1)))
            return errc::invalid_url;
        host = authority.substr(1, close - 1);
        after_host = authority.substr(close + 1);
    } else {
        auto colon = std::min(authority.find(':'), authority.size());
        host = authority.substr(0, colon);
        after_host = authority.substr(colon);
        if (!valid_host_name(host))
            return errc::invalid_url;
    }
    if (host.empty())
        return errc::missing_host;
    if (!after_host.empty()) {
        if (after_host.front() != ':')
            return errc::invalid_url;
        auto port = parse_port(after_host.substr(1));
        if (!port)
            return port.error();
        out.port = *port;
    }
    out.host = lowered(host);

    path = path.substr(0, std::min(path.find('#'), path.size()));
    out.target = path.starts_with('/') ? std::string(path) : "/" + std::string(path);
    return out;
}

} // namespace siren::net
