#pragma once
// The on-call report of a period (`/chatops run oncall report`, docs/oncall.md#reports): per
// rotation and person the shifts held and the pages received; per person the incidents led, the
// time spent in incidents and the follow-ups still open; what paged most; MTTA and MTTR per
// severity and per service. Computed from the store and the directory, then rendered.

#include "commands/command.hpp"
#include "commands/oncall_period.hpp"

#include <optional>
#include <string>
#include <vector>

namespace siren::commands {

struct report_rotation_row {
    user_id person;
    int shifts = 0;                // stretches of consecutive shifts, primary and secondary
    seconds on_call{0};            // inside the period
    int pages = 0;                 // sent to the person for this rotation
    int acknowledged = 0;          // of those, acknowledged (by anyone)
    std::optional<seconds> mtta{}; // median time to acknowledge them; nullopt: none acknowledged
};

struct report_rotation {
    std::string rotation; // "eoc"; "direct" for pages to a person (`@dana`)
    std::vector<report_rotation_row> rows;
};

struct report_person_row {
    user_id person;
    int led = 0;             // incidents resolved in the period they were IC of
    seconds in_incidents{0}; // engaged → resolved, over the incidents resolved in the period
    int open_follow_ups = 0;
};

struct report_noise_row {
    std::string source; // "checkout: Checkout down", "reports"
    int pages = 0;
};

struct report_timing_row {
    std::string key; // "S1", "checkout", "no service"
    int incidents = 0;
    std::optional<seconds> mtta{}; // mean, first page → first acknowledgement
    std::optional<seconds> mttr{}; // mean, declared → resolved
};

struct oncall_report {
    report_period period;
    std::vector<report_rotation> rotations;
    std::vector<report_person_row> people;
    std::vector<report_noise_row> noise; // most pages first, at most 5
    std::vector<report_timing_row> by_severity;
    std::vector<report_timing_row> by_service;
};

// The incidents of a period are those resolved in it (closed ones included).
oncall_report make_oncall_report(const report_period& period, const context& ctx);

// The Slack message; people by their configured handle (tables are code blocks).
std::string render_oncall_report(const oncall_report& r, const context& ctx);

// How a person reads in a table: "@alice" for a configured person, else their id.
std::string person_label(const user_id& user, const context& ctx);

} // namespace siren::commands
