#include "commands/tracker_effects.hpp"

#include "commands/incident_effects.hpp"
#include "commands/render.hpp"

namespace siren::commands {

bool tracks_issues(const settings& config) {
    return config.tracker.kind != tracker_kind::none;
}

std::optional<effect> open_incident_issue(const incident& i, const settings& config) {
    if (!tracks_issues(config))
        return std::nullopt;
    std::string description = "Incident " + incident_ref(i) + " (" +
                              std::string(to_string(i.level)) + "), declared in siren.";
    if (!i.service.empty())
        description += "\n\nService: " + i.service;
    description += "\n\nChannel: #" + i.channel_name;
    if (!i.summary.empty())
        description += "\n\n" + i.summary;
    return create_tracker_issue{.incident = i.id,
                                .action = 0,
                                .title = incident_ref(i) + " " + i.title,
                                .description = std::move(description),
                                .level = i.level,
                                .near_miss = i.near_miss};
}

std::optional<effect> sync_incident_issue(const incident& before, const incident& after,
                                          const settings& config) {
    if (!tracks_issues(config) || (before.level == after.level && before.current == after.current))
        return std::nullopt;
    return update_tracker_issue{
        .incident = after.id, .level = after.level, .current = after.current};
}

effect open_action_issue(const incident& i, const follow_up_action& a) {
    std::string description = "Follow-up " + std::to_string(a.number) + " of incident " +
                              incident_ref(i) + " " + i.title + " (#" + i.channel_name + ").";
    if (!a.owner.empty())
        description += "\n\nOwner: " + a.owner;
    return create_tracker_issue{.incident = i.id,
                                .action = a.number,
                                .title = a.text,
                                .description = std::move(description),
                                .level = i.level,
                                .near_miss = false};
}

decision on_tracker_linked(const timer& due, const context& ctx) {
    auto i = ctx.incidents.find(due.incident);
    if (!i || i->tracker_url.empty())
        return {};
    decision out;
    out.effects.push_back(edit_intro(*i, ctx.config));
    std::string title = ctx.config.tracker.kind == tracker_kind::jira
                            ? "Jira " + i->tracker_key
                            : "GitLab issue #" + i->tracker_key;
    out.effects.push_back(add_bookmark{
        .channel = i->channel_name, .title = std::move(title), .link = i->tracker_url});
    return out;
}

} // namespace siren::commands
