#include "mention.hpp"

namespace siren {

std::string mention(std::string_view user) {
    return "<@" + std::string(user) + ">";
}

std::string channel_link(std::string_view channel) {
    return "<#" + std::string(channel) + ">";
}

namespace {

bool is_name_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
           c == '_' || c == '-';
}

bool is_name(std::string_view s) {
    if (s.empty() || s.size() > 80)
        return false;
    for (char c : s)
        if (!is_name_char(c))
            return false;
    return true;
}

// "<@U123>" or "<@U123|label>" with the given sigil → "U123".
std::optional<std::string> parse_escaped(std::string_view token, char sigil) {
    if (token.size() < 4 || token[0] != '<' || token[1] != sigil || token.back() != '>')
        return std::nullopt;
    std::string_view inner = token.substr(2, token.size() - 3);
    inner = inner.substr(0, inner.find('|'));
    if (!is_name(inner))
        return std::nullopt;
    return std::string(inner);
}

std::optional<std::string> parse_ref(std::string_view token, char sigil) {
    if (auto escaped = parse_escaped(token, sigil))
        return escaped;
    if (token.size() >= 2 && token[0] == sigil && is_name(token.substr(1)))
        return std::string(token.substr(1));
    return std::nullopt;
}

} // namespace

std::optional<std::string> parse_user_ref(std::string_view token) {
    return parse_ref(token, '@');
}

std::optional<std::string> parse_channel_ref(std::string_view token) {
    return parse_ref(token, '#');
}

} // namespace siren
