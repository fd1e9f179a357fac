#include "commands/timers.hpp"

#include "commands/archive.hpp"
#include "commands/handover.hpp"
#include "commands/paging.hpp"
#include "commands/reminders.hpp"
#include "commands/review.hpp"
#include "commands/tracker_effects.hpp"

namespace siren::commands {

decision on_timer(const timer& due, const context& ctx) {
    if (due.kind == escalation_timer || due.kind == investigating_timer)
        return on_paging_timer(due, ctx);
    if (due.kind == handover_notice_timer)
        return on_handover_notice(due, ctx);
    if (due.kind == handover_timer)
        return on_handover(due, ctx);
    if (due.kind == archive_timer)
        return on_archive(due, ctx);
    if (due.kind == review_reminder_timer || due.kind == review_overdue_timer)
        return on_review_timer(due, ctx);
    if (due.kind == update_reminder_timer || due.kind == public_update_reminder_timer ||
        due.kind == role_reminder_timer)
        return on_reminder_timer(due, ctx);
    if (due.kind == tracker_linked_timer)
        return on_tracker_linked(due, ctx);
    return {};
}

} // namespace siren::commands
