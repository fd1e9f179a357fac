#pragma once
// Pages after the first ones: acknowledgements, escalation through the severity's policy, and the
// durable timers that drive it. How a policy is walked is explained in docs/oncall.md.
//
// An escalation is a sequence of steps: step n pages the targets of level n mod L in round
// n div L (L levels, repeat + 1 rounds). A declaration's own pages count as step 0; the timer
// "escalation" with payload n pages step n unless a page of the incident was acknowledged.

#include "commands/command.hpp"
#include "commands/table.hpp"

#include <optional>
#include <string_view>
#include <vector>

namespace siren::commands {

inline constexpr std::string_view escalation_timer = "escalation";
inline constexpr std::string_view investigating_timer = "investigating";

// The policy an incident escalates by: its severity's, when that names one with levels.
const escalation_policy* escalation_of(const incident& i, const settings& config);

// After a declaration paged someone: the timer that moves to step 1 unless someone acknowledges
// in time. nullopt without a policy.
std::optional<timer> first_escalation(const incident& i, const settings& config, time_point now);

// The timers of an incident that stop when it is resolved.
std::vector<timer_cancel> paging_timers(incident_id id);

// A due timer of kind escalation or investigating: what siren does now. Nothing (an empty
// decision) when the incident is over or someone acknowledged.
decision on_paging_timer(const timer& due, const context& ctx);

// An acknowledgement the paging provider reported (a webhook). `by` is who acknowledged as
// siren knows them (a user id), or the provider's name for them when siren does not.
decision on_provider_acknowledgement(std::string_view dedup_key, const user_id& by,
                                     std::string_view provider, const context& ctx);

// /119 ack [dedup key] and /119 escalate [level | target | dedup key].
decision ack_command(const request& r);
decision escalate_command(const request& r);

} // namespace siren::commands
