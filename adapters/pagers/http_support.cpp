#include "adapters/pagers/http_support.hpp"

#include <algorithm>
#include <charconv>

namespace siren::pagers::detail {

namespace {

char lower(char c) {
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

bool is_unreserved(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '.' || c == '_' || c == '~';
}

} // namespace

std::optional<std::string_view> header_of(const net::http_response& response,
                                          std::string_view name) {
    for (const auto& [key, value] : response.headers)
        if (std::equal(key.begin(), key.end(), name.begin(), name.end(),
                       [](char a, char b) { return lower(a) == lower(b); }))
            return value;
    return std::nullopt;
}

std::string url_encode(std::string_view text) {
    constexpr std::string_view hex = "0123456789ABCDEF";
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        if (is_unreserved(c)) {
            out += c;
            continue;
        }
        auto byte = static_cast<unsigned char>(c);
        out += '%';
        out += hex[byte >> 4];
        out += hex[byte & 0x0F];
    }
    return out;
}

std::optional<seconds> parse_seconds(std::string_view text) {
    long long value = 0;
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || error != std::errc() || end != text.data() + text.size() || value < 0)
        return std::nullopt;
    return seconds{value};
}

bool is_transient(int status) {
    return status == 408 || status == 429 || (status >= 500 && status <= 599);
}

std::string redacted(std::string message, std::string_view secret) {
    if (secret.empty())
        return message;
    constexpr std::string_view mark = "[redacted]";
    for (auto at = message.find(secret); at != std::string::npos;
         at = message.find(secret, at + mark.size()))
        message.replace(at, secret.size(), mark);
    return message;
}

adapters::failure unreachable(std::string_view what, const boost::system::error_code& ec) {
    return {.retryable = true,
            .message = std::string(what) + " could not be sent: " + ec.message()};
}

} // namespace siren::pagers::detail
