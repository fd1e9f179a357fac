#pragma once
// Rotation hand-overs: an hour before each one the incoming person is told (and for the EOC both
// people get a digest of what is going on); at the hand-over itself the rotation's Slack user
// group is set to the people now on call and a note goes to the rotation's channel. Both run on
// durable timers whose payload names the rotation and the hand-over instant.

#include "commands/command.hpp"

#include <optional>
#include <string_view>

namespace siren::commands {

inline constexpr std::string_view handover_notice_timer = "handover_notice";
inline constexpr std::string_view handover_timer = "handover";
inline constexpr minutes handover_notice_lead{60};

// The notice timer for a rotation's first hand-over after `now` (due an hour before it, or now
// when that is past); nullopt for a rotation siren does not schedule itself (an external source,
// no members).
std::optional<timer> next_handover_notice(const rotation_settings& r, time_point now);

// The rotation a hand-over timer is for (its payload "eoc@1774252800").
std::string rotation_of_handover(std::string_view payload);

decision on_handover_notice(const timer& due, const context& ctx);
decision on_handover(const timer& due, const context& ctx);

} // namespace siren::commands
