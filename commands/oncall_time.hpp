#pragma once
// The times people type for on-call overrides (`/chatops run oncall override`):
//
//   now                 the current instant
//   +DURATION           +2h, +90m, +1h30m, +3d: that long after now for the start of a
//                       period, that long after its start for its end
//   2026-03-27T18:00Z   UTC; seconds are optional (18:00:00Z)
//   2026-03-27T18:00+01:00
//                       with an offset from UTC (also +0100)
//   2026-03-27T18:00    a local date and time in the zone of the person asking
//   2026-03-27 18:00    the same, written as two words
//   2026-03-27          midnight at the start of that day, in the zone of the person asking
//
// A local time the clocks skip (02:30 on a spring-forward night) is refused; one they repeat
// means its first occurrence, as rotations' hand-overs do.

#include "core/outcome.hpp"
#include "core/time.hpp"

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace siren::commands {

// Reads one time from words[at], and words[at + 1] too when it is the clock time of a date,
// and moves `at` past what it read. `after` is what +DURATION counts from; `zone` is the asking
// person's IANA zone (UTC when empty or unknown). The refusal says how to write a time.
outcome<time_point> read_time(const std::vector<std::string>& words, std::size_t& at,
                              time_point now, time_point after, std::string_view zone);

// The instant the local date and time `wall` (its fields read as if it were UTC) names in
// `zone`: the first one when the clocks repeat it, nullopt when they skip it.
std::optional<time_point> from_local(time_point wall, std::string_view zone);

} // namespace siren::commands
