#pragma once
// The `oncall` job of /chatops, shared by its files: chatops.cpp routes to the actions,
// oncall.cpp answers who is on call, oncall_overrides.cpp sets, lists and removes overrides and
// covers, oncall_render.cpp writes the texts and oncall_time.cpp reads the times.

#include "commands/table.hpp"
#include "core/outcome.hpp"
#include "core/rotation.hpp"

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace siren::commands::oncall {

inline constexpr days longest_override{31};

// The tracks of a rotation as the directory and the store name them: "eoc", "eoc:secondary".
std::string track_name(const rotation_settings& r, track which);
const std::vector<std::string>& members(const rotation_settings& r, track which);

struct track_ref {
    const rotation_settings* rotation = nullptr;
    track which = track::primary;
    std::string name() const { return track_name(*rotation, which); }
};

// "eoc", "eoc:secondary" (also "eoc:primary"); the refusal suggests the rotation meant.
outcome<track_ref> track_named(std::string_view typed, const settings& config);

// The person's consecutive shifts from shifts[k] on, merged; k moves past them.
shift stretch(const std::vector<shift>& shifts, std::size_t& k);

// The asking person's time zone.
std::string zone_of(const request& r);

// The words of an action's arguments, quotes and escapes applied.
outcome<std::vector<std::string>> words_of(std::string_view args);

// The directory id of a person an override names: stored overrides name people by their
// configured handle, as rotation members are.
user_id user_of(const std::string& stored, const context& ctx);

// The actions; `request::args` is the text after the action's name.
decision summary_action(const request& r);  // [prod]
decision rotation_action(const request& r); // <rotation> [now|next|week]: args start at it
decision override_action(const request& r);
decision overrides_action(const request& r);
decision remove_action(const request& r);
decision cover_action(const request& r);
decision report_action(const request& r); // oncall_report_action.cpp
decision pay_action(const request& r);    // oncall_report_action.cpp

} // namespace siren::commands::oncall
