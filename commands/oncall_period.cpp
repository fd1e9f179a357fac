// ISO weeks and quarters (oncall_period.hpp).

#include "commands/oncall_period.hpp"

#include "commands/text.hpp"
#include "commands/values.hpp"

#include <charconv>
#include <cstdio>

namespace siren::commands {

namespace {

using namespace std::chrono;

// Monday of ISO week 1 of an ISO year: the Monday on or before 4 January.
sys_days first_monday(int iso_year) {
    sys_days jan4{year{iso_year} / January / 4};
    return jan4 - (weekday{jan4} - Monday);
}

std::string week_name(int iso_year, unsigned week) {
    char text[16];
    std::snprintf(text, sizeof text, "%04d-W%02u", iso_year, week);
    return text;
}

bool read_number(std::string_view digits, int& out) {
    auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), out);
    return error == std::errc() && end == digits.data() + digits.size() && !digits.empty();
}

report_period quarter(int y, int q) {
    sys_days from{year{y} / month(unsigned(3 * q - 2)) / 1};
    sys_days until = q == 4 ? sys_days{year{y + 1} / January / 1}
                            : sys_days{year{y} / month(unsigned(3 * q + 1)) / 1};
    return {std::to_string(y) + "-Q" + std::to_string(q), time_point{from}, time_point{until}};
}

} // namespace

report_period iso_week_of(time_point t) {
    sys_days day = floor<days>(t);
    sys_days monday = day - (weekday{day} - Monday);
    int iso_year = int(year_month_day{monday + days{3}}.year()); // the year of its Thursday
    auto week = unsigned((monday - first_monday(iso_year)).count() / 7 + 1);
    return {week_name(iso_year, week), time_point{monday}, time_point{monday + days{7}}};
}

outcome<report_period> report_week(std::string_view typed, time_point now) {
    std::string word = lower_ascii(typed);
    if (word.empty())
        return iso_week_of(iso_week_of(now).from - days{1});
    if (word == "week")
        return iso_week_of(now);
    int y = 0, w = 0;
    if (word.size() == 8 && word[4] == '-' && word[5] == 'w' && read_number(word.substr(0, 4), y) &&
        read_number(word.substr(6), w) && w >= 1) {
        auto period = iso_week_of(time_point{first_monday(y) + days{7 * (w - 1)}});
        if (period.name == week_name(y, unsigned(w)))
            return period;
        return refusal<report_period>(std::to_string(y) + " has no week " + std::to_string(w) +
                                      ".");
    }
    return refusal<report_period>("Unknown week " + code(typed) +
                                  ": write `week` (this one) or an ISO week such as `2026-W12`; "
                                  "nothing means last week.");
}

outcome<report_period> pay_quarter(std::string_view typed, time_point now) {
    if (typed.empty()) {
        auto today = year_month_day{floor<days>(now)};
        int q = int((unsigned(today.month()) - 1) / 3 + 1);
        int y = int(today.year());
        return q == 1 ? quarter(y - 1, 4) : quarter(y, q - 1);
    }
    std::string word = lower_ascii(typed);
    int y = 0, q = 0;
    if (word.size() == 7 && word[4] == '-' && word[5] == 'q' && read_number(word.substr(0, 4), y) &&
        read_number(word.substr(6), q) && q >= 1 && q <= 4)
        return quarter(y, q);
    return refusal<report_period>("Unknown quarter " + code(typed) +
                                  ": write a quarter such as `2026-Q1`.");
}

} // namespace siren::commands
