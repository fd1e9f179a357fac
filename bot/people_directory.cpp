#include "bot/people_directory.hpp"

#include "core/rotation.hpp"

#include <algorithm>
#include <cctype>

namespace siren {

people_directory::people_directory(const settings& config, const store::sqlite_store& store,
                                   identity ids, const external_schedules* external)
    : config_(config)
    , store_(store)
    , ids_(ids)
    , external_(external) {}

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
    if (r->source != schedule_source::siren)
        return external_shifts(*r, t->which, from, until);
    auto found = shifts_between(*r, t->which, from, until, store_.overrides(name));
    for (shift& s : found) {
        const person* p = config_.find_person(s.person);
        s.person = p ? id_of(*p) : "";
    }
    return found;
}

// The provider says who is on call now, the first of them primary and the second secondary;
// siren matches them to its people by e-mail. What it does not say (a start or an end) is taken
// as the window asked about.
std::vector<shift> people_directory::external_shifts(const rotation_settings& r, track which,
                                                     time_point from, time_point until) const {
    if (!external_)
        return {};
    auto now_on_call = external_->on_call(r.name);
    std::size_t index = which == track::primary ? 0 : 1;
    if (index >= now_on_call.size())
        return {};
    const adapters::external_shift& s = now_on_call[index];
    auto same_email = [&](const person& p) {
        return !p.email.empty() &&
               std::equal(p.email.begin(), p.email.end(), s.email.begin(), s.email.end(),
                          [](char a, char b) {
                              return std::tolower(static_cast<unsigned char>(a)) ==
                                     std::tolower(static_cast<unsigned char>(b));
                          });
    };
    auto p = std::find_if(config_.people.begin(), config_.people.end(), same_email);
    return {{.person = p == config_.people.end() ? "" : id_of(*p),
             .start = s.start.value_or(from),
             .end = s.end.value_or(until)}};
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
