#pragma once
// After an incident: its review (postmortem), follow-up actions and near misses
// (docs/reviews.md). Resolving opens the review with an owner and two deadlines, each with a
// reminder to the owner before it and a word to the IMOC once it has passed, on durable timers.
// Marking the review written closes the incident.

#include "commands/command.hpp"
#include "commands/table.hpp"

#include <string>
#include <string_view>

namespace siren::commands {

inline constexpr std::string_view review_reminder_timer = "review_reminder";
inline constexpr std::string_view review_overdue_timer = "review_overdue";

// Who owns an incident's review: the one named, else the incident commander. A copy: callers
// often pass a review made on the spot.
user_id review_owner(const std::optional<review>& r, const incident& i);

// Whether the incident's review has been marked written.
bool is_review_written(const incident_view& view, incident_id id);

// Resolving: opens the review of `resolved` (its owner and severity kept when one exists), starts
// its timers and tells the owner. Returns a sentence for the reply.
std::string open_review(decision& out, const incident& resolved, const context& ctx);

// Reopening: the review's timers stop and its written mark is cleared, because the review must
// cover what happens next. The next resolution opens it again.
void reopen_review(decision& out, incident_id id, const context& ctx);

// A due review_reminder or review_overdue timer (payload "provisional" or "full").
decision on_review_timer(const timer& due, const context& ctx);

// /119 review [owner=@user | done], /119 near-miss [severity].
decision review_command(const request& r);
decision near_miss_command(const request& r);

// /119 action add <text> [@owner] [ticket=ID], /119 action done <n>, /119 actions
// (follow_ups.cpp).
decision action_command(const request& r);
decision actions_command(const request& r);

// Defined with the other stage moves (incident_channel.cpp): the decision that closes the
// incident of `r` as `/119 update stage=closed` does, with this reply.
decision close_incident(const request& r, std::string reply);

} // namespace siren::commands
