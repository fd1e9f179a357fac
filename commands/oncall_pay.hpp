#pragma once
// On-call pay for a quarter (docs/oncall.md#pay): per person, a weekly fee prorated by the hours
// of primary shift held on the paid rotations (`pay.rotations`), plus an hourly rate for the time
// spent in incidents resolved in the quarter whose review is written (engaged → resolved, so
// review time never counts). Money is whole cents; each amount is rounded half up once.

#include "commands/command.hpp"
#include "commands/oncall_period.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace siren::commands {

struct pay_line {
    user_id person;
    seconds on_call{0};   // primary shift time on the paid rotations, inside the quarter
    std::int64_t fee = 0; // cents: weekly_fee × on_call / 168 h
    seconds in_incidents{0};
    std::int64_t incident_pay = 0; // cents: hourly_rate × in_incidents / 1 h
    std::int64_t total = 0;
};

// Everyone with paid shift time or reviewed incident time, by their label (person_label).
std::vector<pay_line> make_pay(const report_period& quarter, const context& ctx);

// value × numerator / denominator, rounded half up, without overflow for siren's magnitudes.
std::int64_t prorate(std::int64_t value, std::int64_t numerator, std::int64_t denominator);

// "1234.50"; hundredths of a unit (weeks, hours) print the same way.
std::string format_cents(std::int64_t cents);

// `/chatops run oncall pay [YYYY-Qn]`: a Slack message with a table.
std::string render_pay(const report_period& quarter, const std::vector<pay_line>& lines,
                       const context& ctx);

// For finance: a header row, then one row per person; RFC 4180 (CRLF, fields quoted when they
// hold a comma, quote or line break, quotes doubled).
std::string pay_csv(const std::vector<pay_line>& lines, const context& ctx);

} // namespace siren::commands
