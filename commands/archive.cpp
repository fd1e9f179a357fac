#include "commands/archive.hpp"

#include "commands/incident_effects.hpp"

namespace siren::commands {

std::optional<timer> archive_later(const incident& closed, const settings& config, time_point now) {
    if (config.workspace.archive_after <= seconds{0})
        return std::nullopt;
    return timer{.kind = std::string(archive_timer),
                 .incident = closed.id,
                 .due_at = now + config.workspace.archive_after};
}

decision on_archive(const timer& due, const context& ctx) {
    auto i = ctx.incidents.find(due.incident);
    if (!i || i->current != stage::closed)
        return {};
    decision out;
    out.effects.push_back(post_in_channel(
        *i, ":file_cabinet: " + incident_ref(*i) + " was closed " +
                format_duration(ctx.config.workspace.archive_after) +
                " ago: siren archives this channel now. It stays searchable; if the problem "
                "comes back, declare a new incident."));
    out.effects.push_back(archive_channel{i->channel_name});
    out.timeline.push_back({i->id, ctx.now, "", entry_kind::note, "channel archived"});
    return out;
}

} // namespace siren::commands
