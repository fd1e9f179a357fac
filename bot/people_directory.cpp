#include "bot/people_directory.hpp"

#include "core/rotation.hpp"

#include <algorithm>

namespace siren {

people_directory::people_directory(const settings& config, const store::sqlite_store& store,
                                   identity ids)
    : config_(config)
    , store_(store)
    , ids_(ids) {}

const person* people_directory::find(std::string_view user) const {
    for (const auto& p : config_.people)
        if ((ids_ == identity::handle ? p.handle : p.slack_id) == user && !user.empty())
            return &p;
    return nullptr;
}

user_id people_directory::id_of(const person& p) const {
    return ids_ == identity::handle ? p.handle : p.slack_id;
}

bool people_directory::knows(std::string_view user) const {
    if (ids_ == identity::handle)
        return find(user) != nullptr;
    // In Slack a mention (<@U123>) names a real member, and the configuration lists only some
    // of them; anything else typed after '@' (a display name) is not an id Slack would accept.
    auto is_id_char = [](char c) { return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); };
    return user.size() >= 2 && (user.front() == 'U' || user.front() == 'W') &&
           std::all_of(user.begin(), user.end(), is_id_char);
}

std::optional<user_id> people_directory::on_call(std::string_view rotation, time_point now) const {
    const rotation_settings* r = config_.find_rotation(rotation);
    if (!r)
        return std::nullopt;
    auto current = shift_at(*r, track::primary, now, store_.overrides(r->name));
    if (!current)
        return std::nullopt;
    const person* p = config_.find_person(current->person);
    if (!p)
        return std::nullopt;
    user_id id = id_of(*p);
    if (id.empty())
        return std::nullopt;
    return id;
}

std::string people_directory::time_zone(std::string_view user) const {
    if (const person* p = find(user); p && !p->time_zone.empty())
        return p->time_zone;
    return config_.workspace.time_zone;
}

} // namespace siren
