#pragma once
// Reminders that keep an incident's people talking (docs/commands.md#reminders):
//   - an update is due every `update_every` of the severity's policy: the IC and the CL are
//     reminded in the channel when none was made for that long;
//   - a public update is due every `public_update_every` for an incident on the status page: the
//     CL (or whoever holds the CL's duties) is reminded;
//   - a role the policy's `fill_roles` names is nudged until someone takes it.
// Each is a durable timer: an update restarts it, a reminder sets the next one, `/119 snooze`
// pushes the pending ones back once, resolving stops them all.

#include "commands/command.hpp"
#include "commands/table.hpp"

#include <string_view>
#include <vector>

namespace siren::commands {

inline constexpr std::string_view update_reminder_timer = "update_reminder";
inline constexpr std::string_view public_update_reminder_timer = "public_update_reminder";
inline constexpr std::string_view role_reminder_timer = "role_reminder"; // payload: "tl"

// What counts as an update: a change of stage, status, severity or summary, a resolution, a
// reopening or a public update. Notes and role changes do not: they tell nobody outside the
// channel how things stand.
bool is_update(entry_kind k);

// The reminders of an incident just declared (or reopened) at `now`.
std::vector<timer> first_reminders(const incident& i, const settings& config, time_point now);

// After a change from `before` to `after` whose timeline entries are in out.timeline: restarts
// the reminders the change answers and stops them all when the incident is no longer open.
void reschedule_reminders(decision& out, const incident& before, const incident& after,
                          const settings& config, time_point now);

// A due reminder: what siren says now, and the next reminder. Nothing once the incident is over
// (or the role filled).
decision on_reminder_timer(const timer& due, const context& ctx);

// /119 snooze [duration]: delays every pending reminder by the duration, once.
decision snooze_command(const request& r);

} // namespace siren::commands
