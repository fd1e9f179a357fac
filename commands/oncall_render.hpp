#pragma once
// Every text `/chatops run oncall` shows: who is on call, the next shifts, a week's shifts,
// overrides, and the messages that announce an override or a cover. Slack mrkdwn; people as
// <@user>; times in the zone the caller names (format_local: UTC when empty or unknown).

#include "core/rotation.hpp"
#include "core/settings.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace siren::commands::oncall {

// How far ahead "until when" and "who is next" look.
inline constexpr days look_ahead{63};

// Who holds a track now and who follows. A stretch is a person's consecutive shifts merged, so
// that "until" is when they really hand over.
struct track_outlook {
    std::string track;            // "eoc", "eoc:secondary"
    bool staffed = true;          // the track has members in the configuration
    std::optional<shift> current; // holds the track now
    std::optional<shift> next;    // the stretch after the current one (or the first, if nobody)
};

struct rotation_outlook {
    const rotation_settings* rotation = nullptr;
    std::vector<track_outlook> tracks; // primary first, then secondary when it has one
};

// The answer to `/chatops run oncall [prod]` and `/chatops run oncall <rotation> [now]`.
std::string now_answer(const std::vector<rotation_outlook>& rotations, time_point now,
                       std::string_view zone);
// `/chatops run oncall <rotation> next`
std::string next_answer(const rotation_outlook& r, time_point now, std::string_view zone);
// `/chatops run oncall <rotation> week`: every shift of [from, until) per track, overrides
// marked.
struct track_shifts {
    std::string track;
    bool staffed = true;
    std::vector<shift> shifts;
};
std::string week_answer(const rotation_settings& r, const std::vector<track_shifts>& tracks,
                        time_point from, time_point until, std::string_view zone);

// "nobody is on call for cmoc: its rotation has no members. …": why, and what to do.
std::string nobody_on_call(std::string_view track, bool staffed);

// `/chatops run oncall overrides [rotation]`; the records' people are directory ids. `what`
// names what was asked about ("eoc"), empty for every rotation.
std::string override_list(const std::vector<override_record>& records, std::string_view what,
                          time_point now, std::string_view zone);

// "from 2026-03-27 18:00 CET until 2026-03-28 09:00 CET"
std::string period(time_point from, time_point until, std::string_view zone);

// An override as set: `covering` covers `track` over [from, until), set by `by`; `covered`
// are the people whose scheduled shifts it covers (may be empty).
struct override_news {
    std::string track;
    user_id covering;
    user_id by;
    time_point from;
    time_point until;
    std::vector<user_id> covered;
    bool is_cover = false; // a hand-over of `by`'s own shift (`cover`)
};
std::string override_reply(const override_news& o, time_point now, std::string_view zone);
std::string override_notice(const override_news& o, std::string_view zone); // for `covering`
std::string covered_notice(const override_news& o, std::string_view zone);  // for the covered
std::string override_post(const override_news& o, std::string_view zone);   // rotation channel

// An override removed by `by`.
std::string removal_reply(std::int64_t id, const override_news& o, std::string_view zone);
std::string removal_notice(std::int64_t id, const override_news& o, std::string_view zone);
std::string removal_post(std::int64_t id, const override_news& o, std::string_view zone);

} // namespace siren::commands::oncall
