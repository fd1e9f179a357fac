// /chatops run oncall: who is on call now, next, and over the coming week.

#include "commands/oncall.hpp"

#include "commands/oncall_render.hpp"
#include "commands/text.hpp"
#include "commands/tokenizer.hpp"
#include "commands/values.hpp"

namespace siren::commands::oncall {

namespace {

constexpr days week{7};

// A rotation's tracks: the primary one, and the secondary one when it has members or the
// directory names someone on it (a provider's schedule).
std::vector<track> tracks_of(const rotation_settings& r, const context& ctx) {
    if (!r.secondary.empty() ||
        !ctx.people.shifts(track_name(r, track::secondary), ctx.now, ctx.now + look_ahead).empty())
        return {track::primary, track::secondary};
    return {track::primary};
}

track_outlook outlook(const context& ctx, const rotation_settings& r, track which) {
    track_outlook o{track_name(r, which), !members(r, which).empty(), {}, {}};
    auto shifts = ctx.people.shifts(o.track, ctx.now, ctx.now + look_ahead);
    std::erase_if(shifts, [&](const shift& s) { return s.end <= ctx.now; });
    std::size_t k = 0;
    if (k < shifts.size() && shifts[k].start <= ctx.now)
        o.current = stretch(shifts, k);
    if (k < shifts.size())
        o.next = stretch(shifts, k);
    return o;
}

rotation_outlook outlook(const context& ctx, const rotation_settings& r) {
    rotation_outlook out{&r, {}};
    for (track which : tracks_of(r, ctx))
        out.tracks.push_back(outlook(ctx, r, which));
    return out;
}

} // namespace

std::string track_name(const rotation_settings& r, track which) {
    return which == track::primary ? r.name : r.name + ":secondary";
}

const std::vector<std::string>& members(const rotation_settings& r, track which) {
    return which == track::primary ? r.members : r.secondary;
}

outcome<track_ref> track_named(std::string_view typed, const settings& config) {
    auto colon = typed.find(':');
    std::string rotation = lower_ascii(typed.substr(0, colon));
    std::string part = colon == std::string_view::npos ? "" : lower_ascii(typed.substr(colon + 1));
    const rotation_settings* r = config.find_rotation(rotation);
    if (!r) {
        std::vector<std::string_view> names;
        for (const auto& each : config.rotations)
            names.push_back(each.name);
        std::string why = "Unknown rotation " + code(typed) + ".";
        if (names.empty())
            return refusal<track_ref>(why + " No rotations are configured.");
        if (auto guess = closest(rotation, names))
            return refusal<track_ref>(why + " Did you mean `" + *guess + "`?");
        return refusal<track_ref>(why + " Use " + one_of(names) + ".");
    }
    if (part.empty() || part == "primary")
        return track_ref{r, track::primary};
    if (part == "secondary")
        return track_ref{r, track::secondary};
    return refusal<track_ref>("Unknown track " + code(typed) + ": write `" + r->name + "` or `" +
                              r->name + ":secondary`.");
}

shift stretch(const std::vector<shift>& shifts, std::size_t& k) {
    shift s = shifts[k++];
    while (k < shifts.size() && shifts[k].start == s.end && shifts[k].person == s.person)
        s.end = shifts[k++].end;
    return s;
}

std::string zone_of(const request& r) {
    return r.ctx.people.time_zone(r.input.user);
}

outcome<std::vector<std::string>> words_of(std::string_view args) {
    auto words = tokenize(args);
    if (!words)
        return refusal<std::vector<std::string>>(words.error());
    std::vector<std::string> out;
    for (auto& w : *words)
        out.push_back(w.is_pair() ? w.key + "=" + w.value : std::move(w.text));
    return out;
}

user_id user_of(const std::string& stored, const context& ctx) {
    if (const person* p = ctx.config.find_person(stored))
        return ctx.people.user_of(p->handle).value_or(stored);
    return stored;
}

decision summary_action(const request& r) {
    if (!r.args.empty())
        return usage_error(r, "Unexpected " + code(r.args) + ".");
    std::vector<rotation_outlook> rotations;
    for (std::string_view name : {"eoc", "imoc", "cmoc"})
        if (const auto* rotation = r.ctx.config.find_rotation(name))
            rotations.push_back(outlook(r.ctx, *rotation));
    if (rotations.empty()) {
        if (r.ctx.config.rotations.empty())
            return reply_only("No rotations are configured, so nobody is on call. Add them under "
                              "`rotations` in the configuration.");
        return reply_only("None of `eoc`, `imoc` and `cmoc` is configured. Ask about a rotation "
                          "by name: `/chatops run oncall " +
                          r.ctx.config.rotations.front().name + "`.");
    }
    return reply_only(now_answer(rotations, r.ctx.now, zone_of(r)));
}

decision rotation_action(const request& r) {
    auto [typed, rest] = split_first_word(r.args);
    auto [view, extra] = split_first_word(rest);
    const rotation_settings* rotation = r.ctx.config.find_rotation(lower_ascii(typed));
    if (!rotation)
        return usage_error(r, track_named(typed, r.ctx.config).error());
    if (!extra.empty())
        return usage_error(r, "Unexpected " + code(extra) + ".");
    std::string v = lower_ascii(view);
    if (v.empty() || v == "now")
        return reply_only(now_answer({outlook(r.ctx, *rotation)}, r.ctx.now, zone_of(r)));
    if (v == "next")
        return reply_only(next_answer(outlook(r.ctx, *rotation), r.ctx.now, zone_of(r)));
    if (v == "week") {
        std::vector<track_shifts> tracks;
        for (track which : tracks_of(*rotation, r.ctx))
            tracks.push_back(
                {track_name(*rotation, which), !members(*rotation, which).empty(),
                 r.ctx.people.shifts(track_name(*rotation, which), r.ctx.now, r.ctx.now + week)});
        return reply_only(week_answer(*rotation, tracks, r.ctx.now, r.ctx.now + week, zone_of(r)));
    }
    std::string why = "Unknown view " + code(view) + ".";
    if (auto guess = closest(v, {"now", "next", "week"}))
        return usage_error(r, why + " Did you mean `" + *guess + "`?");
    return usage_error(r, why + " Use `now`, `next` or `week`.");
}

} // namespace siren::commands::oncall
