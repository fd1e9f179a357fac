#pragma once
// A closed incident's channel is archived after workspace.archive_after: it stays searchable,
// and nobody posts in it by mistake. Reopening the incident first stops the timer.

#include "commands/command.hpp"

#include <optional>
#include <string_view>

namespace siren::commands {

inline constexpr std::string_view archive_timer = "archive";

// The timer for an incident that an update just closed; nullopt when archiving is off.
std::optional<timer> archive_later(const incident& closed, const settings& config, time_point now);

// The due timer: archives the channel if the incident is still closed.
decision on_archive(const timer& due, const context& ctx);

} // namespace siren::commands
