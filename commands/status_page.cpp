// The status page's content (status_page.hpp).

#include "commands/status_page.hpp"

#include "commands/public_update.hpp"

#include <algorithm>

namespace siren::commands {

namespace {

public_incident public_view(const incident& i, const incident_view& incidents) {
    public_incident p{.id = i.id,
                      .title = i.title,
                      .service = i.service,
                      .current = i.current,
                      .status = i.status,
                      .declared_at = i.declared_at,
                      .resolved_at = i.resolved_at};
    for (const timeline_entry& e : incidents.timeline(i.id))
        if (e.kind == entry_kind::public_update)
            p.updates.push_back({e.at, e.text});
    // The timeline is oldest first, entries of the same second in the order they were made.
    std::reverse(p.updates.begin(), p.updates.end());
    return p;
}

public_status worst(public_status a, public_status b) {
    return std::max(a, b); // the enumeration goes from operational to the worst
}

} // namespace

status_page status_page_of(const settings& config, const incident_view& incidents, time_point now) {
    status_page page{.name = config.workspace.name, .generated_at = now};
    for (const service_settings& s : config.services)
        page.components.push_back({.name = s.name, .description = s.description});
    for (const incident& i : incidents.open_incidents()) {
        if (!is_on_status_page(i, config))
            continue;
        page.overall = worst(page.overall, i.status);
        for (component& c : page.components)
            if (c.name == i.service)
                c.status = worst(c.status, i.status);
        page.open.push_back(public_view(i, incidents));
    }
    for (const incident& i : incidents.resolved_since(now - status_page_recent))
        if (is_on_status_page(i, config))
            page.resolved.push_back(public_view(i, incidents));
    std::stable_sort(page.resolved.begin(), page.resolved.end(),
                     [](const public_incident& a, const public_incident& b) {
                         return a.resolved_at > b.resolved_at;
                     });
    return page;
}

} // namespace siren::commands
