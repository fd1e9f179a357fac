// Time spent in incidents (incident_time.hpp).

#include "commands/incident_time.hpp"

#include "core/mention.hpp"

#include <algorithm>

namespace siren::commands {

std::map<user_id, time_point> engaged_at(const incident& i, const incident_view& store) {
    std::map<user_id, time_point> engaged;
    if (!i.resolved_at)
        return engaged;
    auto earlier = [&](const user_id& who, time_point at) {
        auto [it, added] = engaged.try_emplace(who, at);
        if (!added)
            it->second = std::min(it->second, at);
    };
    for (const auto& [r, holder] : i.roles)
        if (!holder.empty())
            earlier(holder, *i.resolved_at); // a placeholder, replaced below
    for (const page_record& p : store.pages(i.id))
        if (p.acknowledged_at && !p.acknowledged_by.empty())
            earlier(p.acknowledged_by, *p.acknowledged_at);
    // Only the people already found: a passer-by writing a note does not count.
    for (const timeline_entry& e : store.timeline(i.id))
        for (auto& [who, at] : engaged) {
            bool named = (e.kind == entry_kind::role || e.kind == entry_kind::declared ||
                          e.kind == entry_kind::handover) &&
                         e.text.find(mention(who)) != std::string::npos;
            if (e.actor == who || named)
                at = std::min(at, e.at);
        }
    if (engaged.count(i.declared_by))
        engaged[i.declared_by] = std::min(engaged[i.declared_by], i.declared_at);
    for (const auto& [r, holder] : i.roles)
        if (auto it = engaged.find(holder); it != engaged.end() && it->second == *i.resolved_at)
            it->second = i.declared_at;
    return engaged;
}

std::map<user_id, seconds> incident_time(const incident& i, const incident_view& store) {
    std::map<user_id, seconds> spent;
    for (const auto& [who, at] : engaged_at(i, store))
        spent[who] = std::max(seconds{0}, *i.resolved_at - at);
    return spent;
}

} // namespace siren::commands
