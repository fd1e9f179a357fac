#pragma once
// Hexadecimal digits: in signatures (Slack's, PagerDuty's), digests and %XX escapes in forms.

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace siren::adapters {

// 0..15, or -1 for a character that is not a hexadecimal digit.
constexpr int hex_value(char c) {
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

// The bytes of exactly 2 * n hexadecimal digits (either case); nullopt for anything else.
template <std::size_t n>
constexpr std::optional<std::array<unsigned char, n>> parse_hex(std::string_view digits) {
    if (digits.size() != 2 * n)
        return std::nullopt;
    std::array<unsigned char, n> out{};
    for (std::size_t i = 0; i < n; ++i) {
        int high = hex_value(digits[2 * i]);
        int low = hex_value(digits[2 * i + 1]);
        if (high < 0 || low < 0)
            return std::nullopt;
        out[i] = static_cast<unsigned char>(high * 16 + low);
    }
    return out;
}

// Lower-case hexadecimal digits of bytes (a digest, say).
template <class Bytes>
std::string to_hex(const Bytes& bytes) {
    constexpr std::string_view digits = "0123456789abcdef";
    std::string out;
    for (unsigned char byte : bytes) {
        out += digits[byte >> 4];
        out += digits[byte & 0xf];
    }
    return out;
}

} // namespace siren::adapters
