#include "commands/oncall_time.hpp"

#include "commands/text.hpp"

#include <algorithm>
#include <optional>

namespace siren::commands {

namespace {

bool all_digits(std::string_view text) {
    return !text.empty() &&
           std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

int number(std::string_view digits) {
    int n = 0;
    for (char c : digits)
        n = n * 10 + (c - '0');
    return n;
}

// "2026-03-27"
std::optional<std::chrono::sys_days> date_of(std::string_view text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-' || !all_digits(text.substr(0, 4)) ||
        !all_digits(text.substr(5, 2)) || !all_digits(text.substr(8, 2)))
        return std::nullopt;
    std::chrono::year_month_day ymd{std::chrono::year{number(text.substr(0, 4))},
                                    std::chrono::month{unsigned(number(text.substr(5, 2)))},
                                    std::chrono::day{unsigned(number(text.substr(8, 2)))}};
    if (!ymd.ok() || ymd.year() < std::chrono::year{1970})
        return std::nullopt;
    return std::chrono::sys_days{ymd};
}

// "18:00" or "18:00:30"
std::optional<seconds> clock_of(std::string_view text) {
    if ((text.size() != 5 && text.size() != 8) || text[2] != ':' ||
        !all_digits(text.substr(0, 2)) || !all_digits(text.substr(3, 2)))
        return std::nullopt;
    int h = number(text.substr(0, 2));
    int m = number(text.substr(3, 2));
    int s = 0;
    if (text.size() == 8) {
        if (text[5] != ':' || !all_digits(text.substr(6, 2)))
            return std::nullopt;
        s = number(text.substr(6, 2));
    }
    if (h > 23 || m > 59 || s > 59)
        return std::nullopt;
    return hours{h} + minutes{m} + seconds{s};
}

// "Z", "+01:00", "+0100", "-05"; nullopt for anything else.
std::optional<seconds> offset_of(std::string_view text) {
    if (text == "Z" || text == "z")
        return seconds{0};
    if (text.size() < 3 || (text[0] != '+' && text[0] != '-'))
        return std::nullopt;
    std::string_view digits = text.substr(1);
    std::string compact;
    for (char c : digits)
        if (c != ':')
            compact += c;
    bool colon_ok = digits.size() != 5 || digits[2] == ':';
    if (!colon_ok || !all_digits(compact) || (compact.size() != 2 && compact.size() != 4))
        return std::nullopt;
    int h = number(std::string_view(compact).substr(0, 2));
    int m = compact.size() == 4 ? number(std::string_view(compact).substr(2, 2)) : 0;
    if (h > 18 || m > 59)
        return std::nullopt;
    seconds offset = hours{h} + minutes{m};
    return text[0] == '-' ? -offset : offset;
}

// How far `zone`'s clocks are ahead of UTC at t.
seconds utc_offset(time_point t, std::string_view zone) {
    std::string z = format_date(t, "%z", zone); // "+0100"
    return offset_of(z).value_or(seconds{0});
}

// A date with an optional clock time and offset, as one word: "2026-03-27T18:00Z".
enum class parsed_kind { invalid, utc, local, skipped };
struct parsed {
    parsed_kind kind = parsed_kind::invalid;
    time_point at{};
};

parsed date_time_of(std::string_view text, std::string_view zone) {
    auto day = date_of(text.substr(0, 10));
    if (!day)
        return {};
    std::string_view rest = text.substr(10);
    time_point wall{*day};
    if (!rest.empty()) {
        if (rest[0] != 'T' && rest[0] != 't')
            return {};
        rest.remove_prefix(1);
        std::size_t clock_end = std::min(rest.find_first_of("Zz+-"), rest.size());
        auto clock = clock_of(rest.substr(0, clock_end));
        if (!clock)
            return {};
        wall += *clock;
        rest.remove_prefix(clock_end);
        if (!rest.empty()) {
            auto offset = offset_of(rest);
            if (!offset)
                return {};
            return {parsed_kind::utc, wall - *offset};
        }
    }
    if (auto t = from_local(wall, zone))
        return {parsed_kind::local, *t};
    return {parsed_kind::skipped, wall};
}

std::string zone_name(std::string_view zone) {
    return zone.empty() || !is_known_time_zone(zone) ? "UTC" : std::string(zone);
}

std::string how_to_write(std::string_view zone) {
    return "Write `now`, `+2h`, `2026-03-27T18:00Z` (UTC) or `2026-03-27 18:00` (your time, " +
           zone_name(zone) + ").";
}

} // namespace

std::optional<time_point> from_local(time_point wall, std::string_view zone) {
    std::optional<time_point> found;
    // Every offset in force within a day of the wall time gives a candidate instant; a candidate
    // is right when the zone's clocks show the wall time at it.
    for (int k = -2; k <= 2; ++k) {
        time_point candidate = wall - utc_offset(wall + hours{12 * k}, zone);
        if (candidate + utc_offset(candidate, zone) == wall && (!found || candidate < *found))
            found = candidate;
    }
    return found;
}

outcome<time_point> read_time(const std::vector<std::string>& words, std::size_t& at,
                              time_point now, time_point after, std::string_view zone) {
    auto refused = [](std::string why) {
        return outcome<time_point>(boost::system::in_place_error, std::move(why));
    };
    if (at >= words.size())
        return refused("A time is missing. " + how_to_write(zone));
    std::string text = words[at];
    if (lower_ascii(text) == "now") {
        ++at;
        return now;
    }
    if (text.starts_with("+")) {
        auto length = parse_duration(std::string_view(text).substr(1));
        if (!length)
            return refused(code(text) + " is not a length of time: write `+2h`, `+90m`, " +
                           "`+1h30m` or `+3d`.");
        ++at;
        return after + *length;
    }
    bool clock_follows = text.size() == 10 && at + 1 < words.size() && words[at + 1].size() >= 5 &&
                         words[at + 1][2] == ':';
    if (clock_follows)
        text += "T" + words[at + 1];
    parsed p = date_time_of(text, zone);
    std::string shown = clock_follows ? words[at] + " " + words[at + 1] : text;
    if (p.kind == parsed_kind::invalid)
        return refused(code(shown) + " is not a time. " + how_to_write(zone));
    if (p.kind == parsed_kind::skipped)
        return refused(code(shown) + " does not exist in " + zone_name(zone) +
                       ": the clocks skip it that night. Write a later time, or a UTC time "
                       "ending in `Z`.");
    at += clock_follows ? 2 : 1;
    return p.at;
}

} // namespace siren::commands
