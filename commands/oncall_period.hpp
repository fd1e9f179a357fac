#pragma once
// The periods on-call reports and pay cover: ISO 8601 weeks ("2026-W12") and calendar quarters
// ("2026-Q1"), both in UTC, each a half-open interval [from, until).

#include "core/outcome.hpp"
#include "core/time.hpp"

#include <string>
#include <string_view>

namespace siren::commands {

struct report_period {
    std::string name; // "2026-W12", "2026-Q1"
    time_point from{};
    time_point until{};
};

// The ISO week holding t: Monday 00:00 UTC to the next Monday.
report_period iso_week_of(time_point t);

// `/chatops run oncall report [week|YYYY-Www]`: empty is the last full ISO week (the one
// before now's), `week` the current one, "2026-W12" that week.
outcome<report_period> report_week(std::string_view typed, time_point now);

// "2026-Q1": January to March; empty: the last full quarter (the one before now's).
outcome<report_period> pay_quarter(std::string_view typed, time_point now);

} // namespace siren::commands
