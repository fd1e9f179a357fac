#include "config/checks.hpp"

#include <algorithm>
#include <charconv>

namespace siren::config::detail {

namespace {

bool is_lower_or_digit(char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

bool is_upper_or_digit(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

bool all_of(std::string_view s, bool (*pred)(char)) {
    return std::all_of(s.begin(), s.end(), pred);
}

// Digits only, as a number within [low, high].
std::optional<int> number(std::string_view s, int low, int high) {
    if (s.empty() || s.size() > 5 || !all_of(s, [](char c) { return c >= '0' && c <= '9'; }))
        return std::nullopt;
    int n = 0;
    std::from_chars(s.data(), s.data() + s.size(), n);
    if (n < low || n > high)
        return std::nullopt;
    return n;
}

bool is_host_name(std::string_view s) {
    return !s.empty() && all_of(s, [](char c) {
        return is_lower_or_digit(c) || (c >= 'A' && c <= 'Z') || c == '.' || c == '-' || c == '_';
    });
}

constexpr std::string_view weekday_names[] = {"sunday",   "monday", "tuesday", "wednesday",
                                              "thursday", "friday", "saturday"};

} // namespace

std::string to_lower(std::string_view s) {
    std::string out(s);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z')
            c = static_cast<char>(c - 'A' + 'a');
    return out;
}

bool is_name(std::string_view s) {
    return !s.empty() && all_of(s, [](char c) {
        return is_lower_or_digit(c) || c == '.' || c == '_' || c == '-';
    });
}

bool is_url(std::string_view s) {
    for (std::string_view scheme : {"https://", "http://"})
        if (s.substr(0, scheme.size()) == scheme) {
            const auto rest = s.substr(scheme.size());
            const auto host = rest.substr(0, rest.find_first_of("/:?#"));
            return !host.empty() &&
                   std::none_of(s.begin(), s.end(), [](char c) { return c == ' ' || c < ' '; });
        }
    return false;
}

bool is_slack_user_id(std::string_view s) {
    return s.size() >= 3 && (s[0] == 'U' || s[0] == 'W') && all_of(s, is_upper_or_digit);
}

bool is_slack_usergroup_id(std::string_view s) {
    return s.size() >= 3 && s[0] == 'S' && all_of(s, is_upper_or_digit);
}

bool is_email(std::string_view s) {
    const auto at = s.find('@');
    return at != std::string_view::npos && at > 0 && at + 1 < s.size() &&
           s.find('@', at + 1) == std::string_view::npos &&
           std::none_of(s.begin(), s.end(), [](char c) { return c == ' ' || c < ' '; });
}

bool is_listen_address(std::string_view s) {
    const auto colon = s.rfind(':');
    if (colon == std::string_view::npos || !number(s.substr(colon + 1), 0, 65535))
        return false;
    const auto host = s.substr(0, colon);
    if (host.size() > 2 && host.front() == '[' && host.back() == ']')
        return all_of(host.substr(1, host.size() - 2), [](char c) {
            return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') ||
                   c == ':' || c == '.';
        });
    return is_host_name(host);
}

bool is_channel_prefix(std::string_view s) {
    return all_of(s, [](char c) { return is_lower_or_digit(c) || c == '-' || c == '_'; });
}

bool is_channel_date_format(std::string_view s) {
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] != '%') {
            if (!is_lower_or_digit(s[i]) && s[i] != '-' && s[i] != '_')
                return false;
            continue;
        }
        if (++i == s.size() || std::string_view("Ymdyj").find(s[i]) == std::string_view::npos)
            return false;
    }
    return true;
}

bool is_alias(std::string_view s) {
    return !s.empty() && all_of(s, [](char c) {
        return is_lower_or_digit(c) || (c >= 'A' && c <= 'Z') || c == '-' || c == '_';
    });
}

std::optional<std::chrono::weekday> parse_weekday(std::string_view s) {
    const auto lower = to_lower(s);
    for (unsigned d = 0; d < 7; ++d)
        if (weekday_names[d] == lower)
            return std::chrono::weekday{d};
    return std::nullopt;
}

std::string_view weekday_name(std::chrono::weekday d) {
    return weekday_names[d.c_encoding()];
}

std::optional<minutes> parse_time_of_day(std::string_view s) {
    const auto colon = s.find(':');
    if (colon == std::string_view::npos || s.size() - colon != 3)
        return std::nullopt;
    const auto h = number(s.substr(0, colon), 0, 23);
    const auto m = number(s.substr(colon + 1), 0, 59);
    if (!h || !m || colon > 2)
        return std::nullopt;
    return hours{*h} + minutes{*m};
}

std::optional<std::chrono::sys_days> parse_date(std::string_view s) {
    if (s.size() != 10 || s[4] != '-' || s[7] != '-')
        return std::nullopt;
    const auto y = number(s.substr(0, 4), 2000, 9999);
    const auto m = number(s.substr(5, 2), 1, 12);
    const auto d = number(s.substr(8, 2), 1, 31);
    if (!y || !m || !d)
        return std::nullopt;
    const std::chrono::year_month_day date{std::chrono::year{*y},
                                           std::chrono::month{static_cast<unsigned>(*m)},
                                           std::chrono::day{static_cast<unsigned>(*d)}};
    if (!date.ok())
        return std::nullopt;
    return std::chrono::sys_days{date};
}

} // namespace siren::config::detail
