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

namespace {

// "eoc" → the rotation eoc, primary track; "eoc:secondary" → its secondary track.
struct track_name {
    std::string_view rotation;
    track which = track::primary;
};

std::optional<track_name> parse_track(std::string_view name) {
    auto colon = name.find(':');
    if (colon == std::string_view::npos)
        return track_name{name};
    if (name.substr(colon + 1) != "secondary")
        return std::nullopt;
    return track_name{name.substr(0, colon), track::secondary};
}

} // namespace

std::vector<shift> people_directory::shifts(std::string_view name, time_point from,
                                            time_point until) const {
    auto t = parse_track(name);
    const rotation_settings* r = t ? config_.find_rotation(t->rotation) : nullptr;
    if (!r)
        return {};
    auto found = shifts_between(*r, t->which, from, until, store_.overrides(name));
    for (shift& s : found) {
        const person* p = config_.find_person(s.person);
        s.person = p ? id_of(*p) : "";
    }
    return found;
}

std::optional<user_id> people_directory::on_call(std::string_view name, time_point now) const {
    auto current = shifts(name, now, now + seconds(1));
    if (current.empty() || current.front().person.empty())
        return std::nullopt;
    return current.front().person;
}

std::optional<user_id> people_directory::user_of(std::string_view handle) const {
    const person* p = config_.find_person(handle);
    if (!p || id_of(*p).empty())
        return std::nullopt;
    return id_of(*p);
}

std::string people_directory::time_zone(std::string_view user) const {
    if (const person* p = find(user); p && !p->time_zone.empty())
        return p->time_zone;
    return config_.workspace.time_zone;
}

} // namespace siren
