#pragma once
// Time in siren is whole seconds of UTC. The clock is read in one place (the composition root)
// and passed to everything else as a value.

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace siren {

using time_point = std::chrono::sys_seconds;
using std::chrono::days;
using std::chrono::hours;
using std::chrono::minutes;
using std::chrono::seconds;

// "2026-03-24T08:15:00Z"
std::string to_iso8601(time_point t);
std::optional<time_point> parse_iso8601(std::string_view text);

// "2026-03-24 09:15 CET" in the named IANA zone; UTC when the zone is empty or unknown.
std::string format_local(time_point t, std::string_view zone);

// strftime-style formatting of the UTC calendar date of t, for channel names ("%Y%m%d").
std::string format_date(time_point t, std::string_view format, std::string_view zone);

// "3h 05m", "2d 4h", "45s": how long something has lasted, for people.
std::string format_duration(seconds d);

// "30m", "2h", "1h30m", "45s", "7d" → seconds. Rejects anything else.
std::optional<seconds> parse_duration(std::string_view text);

bool is_known_time_zone(std::string_view zone);

} // namespace siren
