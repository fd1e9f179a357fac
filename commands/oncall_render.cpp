#include "commands/oncall_render.hpp"

#include "core/mention.hpp"

namespace siren::commands::oncall {

namespace {

std::string when(time_point t, std::string_view zone) {
    return format_local(t, zone);
}

std::string in(time_point t, time_point now) {
    return "in " + format_duration(t - now);
}

// A shift's person; the directory gives an empty id for a member it cannot name.
std::string holder(const user_id& user) {
    return user.empty() ? "someone siren does not know (check `people` in the configuration)"
                        : mention(user);
}

std::string holder(const shift& s) {
    return holder(s.person) + (s.is_override ? " (override)" : "");
}

std::string rotation_of(std::string_view track) {
    return std::string(track.substr(0, track.find(':')));
}

std::string title(const rotation_settings& r) {
    std::string text = "*" + r.name + "*";
    return r.description.empty() ? text : text + " (" + r.description + ")";
}

std::string with_list(const std::vector<user_id>& people) {
    std::string text;
    for (std::size_t k = 0; k < people.size(); ++k)
        text.append(k == 0                   ? ""
                    : k + 1 == people.size() ? " and "
                                             : ", ")
            .append(holder(people[k]));
    return text;
}

// One track in the answer to "who is on call now".
std::string now_line(const track_outlook& o, time_point now, std::string_view zone) {
    if (!o.current) {
        if (o.next)
            return "nobody is on call until " + when(o.next->start, zone) + ", when " +
                   holder(*o.next) + " starts";
        return nobody_on_call(o.track, o.staffed);
    }
    const shift& c = *o.current;
    if (c.end >= now + look_ahead)
        return holder(c) + ", with nobody else scheduled in the next " +
               std::to_string(look_ahead.count() / 7) + " weeks";
    std::string line = holder(c) + " until " + when(c.end, zone) + " (" + in(c.end, now) + ")";
    if (!o.next)
        return line + ", then nobody";
    if (o.next->start == c.end)
        return line + ", then " + holder(*o.next);
    return line + "; next " + holder(*o.next) + " from " + when(o.next->start, zone);
}

std::string next_line(const track_outlook& o, time_point now, std::string_view zone) {
    if (o.next)
        return holder(*o.next) + " " + period(o.next->start, o.next->end, zone) + " (starts " +
               in(o.next->start, now) + ")";
    if (o.current)
        return holder(o.current->person) + " stays on call: nobody else is scheduled in the next " +
               std::to_string(look_ahead.count() / 7) + " weeks";
    return nobody_on_call(o.track, o.staffed);
}

std::string track_label(const std::string& track) {
    return track.find(':') == std::string::npos ? "" : "secondary: ";
}

} // namespace

std::string nobody_on_call(std::string_view track, bool staffed) {
    std::string text = "nobody is on call for " + std::string(track);
    // An override only replaces the person of a scheduled shift: without members, only the
    // configuration can help.
    if (!staffed)
        return text + (track.find(':') == std::string_view::npos
                           ? ": its rotation has no members. Add them under `rotations` in the "
                             "configuration"
                           : ": its secondary track has no members. Add them under `secondary` "
                             "in the configuration");
    return text + ". To have someone cover it, run `/chatops run oncall override " +
           std::string(track) + " @someone now +8h`";
}

std::string period(time_point from, time_point until, std::string_view zone) {
    return "from " + when(from, zone) + " until " + when(until, zone);
}

std::string now_answer(const std::vector<rotation_outlook>& rotations, time_point now,
                       std::string_view zone) {
    std::string text = "*On call now* (" + when(now, zone) + ")";
    for (const auto& r : rotations)
        for (const auto& o : r.tracks) {
            if (track_label(o.track).empty())
                text += "\n• " + title(*r.rotation) + ": " + now_line(o, now, zone);
            else
                text += "\n    secondary: " + now_line(o, now, zone);
        }
    return text;
}

std::string next_answer(const rotation_outlook& r, time_point now, std::string_view zone) {
    std::string text = title(*r.rotation) + " next:";
    for (const auto& o : r.tracks)
        text += "\n• " + track_label(o.track) + next_line(o, now, zone);
    return text;
}

std::string week_answer(const rotation_settings& r, const std::vector<track_shifts>& tracks,
                        time_point from, time_point until, std::string_view zone) {
    std::string text = title(r) + " " + period(from, until, zone) + ":";
    for (const auto& t : tracks) {
        if (tracks.size() > 1)
            text += track_label(t.track).empty() ? "\n_Primary_" : "\n_Secondary_";
        if (t.shifts.empty())
            text += "\n• " + nobody_on_call(t.track, t.staffed);
        for (const auto& s : t.shifts)
            text += "\n• " + when(s.start, zone) + " → " + when(s.end, zone) + " " + holder(s);
    }
    return text;
}

std::string override_list(const std::vector<override_record>& records, std::string_view what,
                          time_point now, std::string_view zone) {
    std::string scope = what.empty() ? "" : " of " + std::string(what);
    if (records.empty())
        return "There are no current or upcoming overrides" + scope +
               ". Set one with `/chatops run oncall override <rotation> @user <from> <until>`.";
    std::string text = "*Overrides" + scope + " that have not ended*";
    for (const auto& o : records) {
        text += "\n• #" + std::to_string(o.id) + " " + o.what.rotation + ": " +
                holder(o.what.person) + " " + period(o.what.from, o.what.until, zone);
        if (o.what.from <= now)
            text += " (now)";
        text += ", set by " + holder(o.created_by);
    }
    return text + "\nRemove one with `/chatops run oncall override remove <id>`.";
}

std::string override_reply(const override_news& o, time_point now, std::string_view zone) {
    std::string text;
    if (o.is_cover)
        text = holder(o.covering) + " covers *" + o.track + "* for you " +
               period(o.from, o.until, zone) + " (" + in(o.until, now) + ").";
    else
        text = "Override set: " + holder(o.covering) + " covers *" + o.track + "* " +
               period(o.from, o.until, zone) + ".";
    if (!o.covered.empty() && !o.is_cover)
        text += " It covers the shift of " + with_list(o.covered) + ".";
    return text + " `/chatops run oncall overrides " + rotation_of(o.track) +
           "` lists it with its id, to remove it.";
}

std::string override_notice(const override_news& o, std::string_view zone) {
    std::string text =
        o.is_cover ? holder(o.by) + " handed you their *" + o.track + "* shift: you are on call "
                   : holder(o.by) + " set you to cover *" + o.track + "*: you are on call ";
    return text + period(o.from, o.until, zone) +
           ", and siren pages you for it. `/chatops run oncall " + rotation_of(o.track) +
           " week` shows the shifts.";
}

std::string covered_notice(const override_news& o, std::string_view zone) {
    return holder(o.covering) + " covers your *" + o.track + "* shift " +
           period(o.from, o.until, zone) + " (set by " + holder(o.by) +
           "): siren pages them, not you, then.";
}

std::string override_post(const override_news& o, std::string_view zone) {
    if (o.is_cover)
        return holder(o.by) + " handed *" + o.track + "* to " + holder(o.covering) + " " +
               period(o.from, o.until, zone) + ".";
    return holder(o.by) + " set an override: " + holder(o.covering) + " covers *" + o.track + "* " +
           period(o.from, o.until, zone) + ".";
}

std::string removal_reply(std::int64_t id, const override_news& o, std::string_view zone) {
    return "Removed override #" + std::to_string(id) + ": " + holder(o.covering) +
           " no longer covers *" + o.track + "* " + period(o.from, o.until, zone) + ".";
}

std::string removal_notice(std::int64_t id, const override_news& o, std::string_view zone) {
    return holder(o.by) + " removed override #" + std::to_string(id) + ": you no longer cover *" +
           o.track + "* " + period(o.from, o.until, zone) + ".";
}

std::string removal_post(std::int64_t id, const override_news& o, std::string_view zone) {
    return holder(o.by) + " removed override #" + std::to_string(id) + ": " + holder(o.covering) +
           " no longer covers *" + o.track + "* " + period(o.from, o.until, zone) + ".";
}

} // namespace siren::commands::oncall
