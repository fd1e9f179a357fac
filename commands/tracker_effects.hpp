#pragma once
// The incident's record in the issue tracker (GitLab, Jira) when one is configured
// (docs/integrations.md#gitlab-and-jira-issues): made at declare time, kept in step with
// severity and stage, closed on resolve; follow-up actions filed with `--ticket`.

#include "commands/command.hpp"
#include "core/action.hpp"
#include "core/effect.hpp"
#include "core/settings.hpp"
#include "core/timer.hpp"

#include <optional>
#include <string_view>

namespace siren::commands {

// Started by the effects runner, with the record of the incident's issue: the issue is linked
// from the channel (a bookmark) and the pinned intro. As effects of the incident's own lane, they
// wait for its channel.
inline constexpr std::string_view tracker_linked_timer = "tracker_linked";

bool tracks_issues(const settings& config);

// The incident's issue; nothing without a tracker.
std::optional<effect> open_incident_issue(const incident& i, const settings& config);
// The issue kept in step when severity or stage changed; nothing otherwise or without a tracker.
std::optional<effect> sync_incident_issue(const incident& before, const incident& after,
                                          const settings& config);
// An issue for a follow-up action (its number already given).
effect open_action_issue(const incident& i, const follow_up_action& a);

decision on_tracker_linked(const timer& due, const context& ctx);

} // namespace siren::commands
