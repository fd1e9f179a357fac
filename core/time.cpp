#include "time.hpp"

#include "time_zone.hpp"

#include <charconv>

#include <date/date.h>
#include <date/tz.h>

namespace siren {

std::string to_iso8601(time_point t) {
    return date::format("%FT%TZ", t);
}

namespace {

// Exactly `width` ASCII digits at text[at..]; advances `at` past them.
std::optional<int> read_digits(std::string_view text, std::size_t& at, std::size_t width) {
    if (text.size() - at < width)
        return std::nullopt;
    int value = 0;
    for (std::size_t i = 0; i < width; ++i) {
        char c = text[at + i];
        if (c < '0' || c > '9')
            return std::nullopt;
        value = value * 10 + (c - '0');
    }
    at += width;
    return value;
}

bool read_char(std::string_view text, std::size_t& at, char expected) {
    if (at >= text.size() || text[at] != expected)
        return false;
    ++at;
    return true;
}

// "Z", "+02:00", "-0500" or "+02" at text[at..], as the offset from UTC; advances `at`.
std::optional<minutes> read_offset(std::string_view text, std::size_t& at) {
    if (read_char(text, at, 'Z'))
        return minutes{0};
    if (at >= text.size() || (text[at] != '+' && text[at] != '-'))
        return std::nullopt;
    int sign = text[at++] == '-' ? -1 : 1;
    auto hh = read_digits(text, at, 2);
    if (!hh || *hh > 23)
        return std::nullopt;
    int mm = 0;
    if (at < text.size()) {
        read_char(text, at, ':');
        auto m = read_digits(text, at, 2);
        if (!m || *m > 59)
            return std::nullopt;
        mm = *m;
    }
    return minutes{sign * (*hh * 60 + mm)};
}

} // namespace

// YYYY-MM-DDThh:mm:ss, then optional fractional seconds (dropped), then the zone: the forms
// providers send (PagerDuty's "2015-03-06T15:28:51-05:00" and "2015-07-17T08:42:58.315+0000",
// Opsgenie's "2017-05-24T14:24:20.844Z").
std::optional<time_point> parse_iso8601(std::string_view text) {
    std::size_t at = 0;
    auto year = read_digits(text, at, 4);
    if (!year || !read_char(text, at, '-'))
        return std::nullopt;
    auto month = read_digits(text, at, 2);
    if (!month || !read_char(text, at, '-'))
        return std::nullopt;
    auto day = read_digits(text, at, 2);
    if (!day || !read_char(text, at, 'T'))
        return std::nullopt;
    auto hour = read_digits(text, at, 2);
    if (!hour || !read_char(text, at, ':'))
        return std::nullopt;
    auto minute = read_digits(text, at, 2);
    if (!minute || !read_char(text, at, ':'))
        return std::nullopt;
    auto second = read_digits(text, at, 2);
    if (!second)
        return std::nullopt;
    if (read_char(text, at, '.')) {
        std::size_t first = at;
        while (at < text.size() && text[at] >= '0' && text[at] <= '9')
            ++at;
        if (at == first)
            return std::nullopt;
    }
    auto offset = read_offset(text, at);
    if (!offset || at != text.size())
        return std::nullopt;

    date::year_month_day ymd{date::year{*year}, date::month{static_cast<unsigned>(*month)},
                             date::day{static_cast<unsigned>(*day)}};
    if (!ymd.ok() || *hour > 23 || *minute > 59 || *second > 59)
        return std::nullopt;
    return time_point{date::sys_days{ymd}} + hours{*hour} + minutes{*minute} + seconds{*second} -
           *offset;
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
