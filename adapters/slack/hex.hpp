#pragma once
// Internal to siren_slack: hexadecimal digits in signatures and %XX escapes in forms.

namespace siren::slack::detail {

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

} // namespace siren::slack::detail
