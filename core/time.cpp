#include "time.hpp"

#include "time_zone.hpp"

#include <charconv>
#include <sstream>

#include <date/date.h>
#include <date/tz.h>

namespace siren {

std::string to_iso8601(time_point t) {
    return date::format("%FT%TZ", t);
}

std::optional<time_point> parse_iso8601(std::string_view text) {
    for (const char* format : {"%FT%TZ", "%FT%T%Ez"}) {
        std::istringstream in{std::string(text)};
        date::sys_time<std::chrono::milliseconds> parsed;
        in >> date::parse(format, parsed);
        if (!in.fail() && in.peek() == std::char_traits<char>::eof())
            return std::chrono::floor<seconds>(parsed);
    }
    return std::nullopt;
}

const date::time_zone* find_zone(std::string_view zone) {
    if (zone.empty())
        return nullptr;
    try {
        return date::locate_zone(zone);
    } catch (const std::exception&) {
        return nullptr;
    }
}

bool is_known_time_zone(std::string_view zone) {
    return find_zone(zone) != nullptr;
}

std::string format_local(time_point t, std::string_view zone) {
    if (const auto* z = find_zone(zone))
        return date::format("%F %R %Z", date::make_zoned(z, t));
    return date::format("%F %R UTC", t);
}

std::string format_date(time_point t, std::string_view format, std::string_view zone) {
    std::string f(format);
    if (const auto* z = find_zone(zone))
        return date::format(f, date::make_zoned(z, t));
    return date::format(f, t);
}

std::string format_duration(seconds d) {
    auto s = d.count() < 0 ? 0 : d.count();
    auto two = [](long long v) { return (v < 10 ? "0" : "") + std::to_string(v); };
    if (s < 60)
        return std::to_string(s) + "s";
    if (s < 3600)
        return std::to_string(s / 60) + "m";
    if (s < 86400)
        return std::to_string(s / 3600) + "h " + two(s % 3600 / 60) + "m";
    return std::to_string(s / 86400) + "d " + std::to_string(s % 86400 / 3600) + "h";
}

std::optional<seconds> parse_duration(std::string_view text) {
    if (text.empty())
        return std::nullopt;
    long long total = 0;
    while (!text.empty()) {
        if (text.front() < '0' || text.front() > '9')
            return std::nullopt;
        long long value = 0;
        auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
        if (ec != std::errc{} || end == text.data() || end == text.data() + text.size() ||
            end - text.data() > 9)
            return std::nullopt;
        long long unit = 0;
        switch (*end) {
        case 's':
            unit = 1;
            break;
        case 'm':
            unit = 60;
            break;
        case 'h':
            unit = 3600;
            break;
        case 'd':
            unit = 86400;
            break;
        case 'w':
            unit = 7 * 86400;
            break;
        default:
            return std::nullopt;
        }
        total += value * unit;
        if (total > 366LL * 86400 * 10)
            return std::nullopt;
        text.remove_prefix(static_cast<std::size_t>(end - text.data()) + 1);
    }
    return seconds{total};
}

} // namespace siren
