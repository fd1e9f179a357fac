// Overrides and covers: `override`, `overrides`, `override remove` and `cover` of
// `/chatops run oncall`.

#include "commands/oncall.hpp"
#include "commands/oncall_render.hpp"
#include "commands/oncall_time.hpp"
#include "commands/text.hpp"
#include "commands/tokenizer.hpp"
#include "commands/values.hpp"
#include "core/mention.hpp"

#include <algorithm>

namespace siren::commands::oncall {

namespace {

// The people whose scheduled shifts (before overrides) fall in [from, until).
std::vector<user_id> covered_people(const track_ref& t, time_point from, time_point until,
                                    const context& ctx) {
    std::vector<user_id> people;
    for (const auto& s : shifts_between(*t.rotation, t.which, from, until, {})) {
        user_id user = user_of(s.person, ctx);
        if (std::find(people.begin(), people.end(), user) == people.end())
            people.push_back(user);
    }
    return people;
}

// Every stored override of a rotation's tracks (or of every rotation), creation order per track.
std::vector<override_record> stored_overrides(const context& ctx,
                                              const rotation_settings* only = nullptr) {
    std::vector<override_record> all;
    for (const auto& r : ctx.config.rotations)
        if (!only || &r == only)
            for (track which : {track::primary, track::secondary}) {
                auto records = ctx.incidents.override_records(track_name(r, which));
                all.insert(all.end(), records.begin(), records.end());
            }
    return all;
}

// An override ready to store, with its announcement: a DM to whoever covers (unless they set
// it themselves) and a post in the rotation's channel when it has one.
decision set_override(const request& r, const track_ref& t, const user_id& covering,
                      time_point from, time_point until, bool is_cover, std::string note) {
    const context& ctx = r.ctx;
    override_news news{.track = t.name(),
                       .covering = covering,
                       .by = r.input.user,
                       .from = from,
                       .until = until,
                       .covered = covered_people(t, from, until, ctx),
                       .is_cover = is_cover};
    decision out;
    const person* p = ctx.config.find_person(covering);
    out.overrides_added.push_back({.id = 0,
                                   .what = {t.name(), p ? p->handle : covering, from, until},
                                   .created_by = r.input.user});
    if (covering != r.input.user)
        out.effects.push_back(
            notify_user{covering, override_notice(news, ctx.people.time_zone(covering))});
    // Whoever no longer gets the pages hears it, unless they set it up themselves.
    for (const user_id& covered : news.covered)
        if (!covered.empty() && covered != r.input.user && covered != covering)
            out.effects.push_back(
                notify_user{covered, covered_notice(news, ctx.people.time_zone(covered))});
    if (!t.rotation->channel.empty())
        out.effects.push_back(
            post_message{t.rotation->channel, override_post(news, ctx.config.workspace.time_zone)});
    out.reply = override_reply(news, ctx.now, zone_of(r)) + note;
    return out;
}

// Whether someone can be set to cover: siren must page them by their configured handle.
outcome<user_id> coverer_named(const request& r, std::string_view typed) {
    auto user = person_named(typed, r.input.user, r.ctx.people);
    if (!user)
        return user;
    if (!r.ctx.config.find_person(*user))
        return refusal<user_id>(mention(*user) +
                                " is not in siren's `people` configuration, so siren could not "
                                "page them while they cover. Ask an admin to add them first.");
    return user;
}

std::string overlap_note(const track_ref& t, time_point from, time_point until,
                         const context& ctx) {
    std::string note;
    for (const auto& o : ctx.incidents.override_records(t.name()))
        if (o.what.from < until && o.what.until > from)
            note += " It overlaps override #" + std::to_string(o.id) + " (" +
                    mention(user_of(o.what.person, ctx)) + "); the newer one counts.";
    return note;
}

void check_period(problems& found, time_point from, time_point until, time_point now,
                  std::string_view zone) {
    if (until <= from)
        found.add("", "The end (" + format_local(until, zone) + ") must be after the start (" +
                          format_local(from, zone) + ").");
    else if (until <= now)
        found.add("", "That period ended " + format_local(until, zone) +
                          "; an override must end in the future.");
    else if (until - from > longest_override)
        found.add("", "An override lasts at most 31 days; this one lasts " +
                          format_duration(until - from) + ". Set several.");
}

std::string who_may_remove(const std::string& ref, const user_id& creator, const user_id& covering,
                           const std::vector<user_id>& covered) {
    std::vector<std::pair<user_id, std::string>> who = {{creator, "who set it"},
                                                        {covering, "who covers"}};
    for (const auto& c : covered)
        who.emplace_back(c, "whose shift it covers");
    std::string text;
    std::vector<user_id> named;
    for (const auto& [user, why] : who)
        if (std::find(named.begin(), named.end(), user) == named.end()) {
            named.push_back(user);
            text.append(text.empty() ? "" : ", ").append(mention(user) + " (" + why + ")");
        }
    if (auto last = text.rfind(", "); last != std::string::npos)
        text.replace(last, 2, " or ");
    return "You can't remove override " + ref + ": only " + text + " can. Ask one of them.";
}

// "4" hours, or a length such as "90m" or "2h30m".
outcome<seconds> hours_named(std::string_view typed) {
    seconds length{0};
    if (auto n = number_named(typed, "hours"); n && *n <= 24 * 31)
        length = hours{*n};
    else if (auto d = parse_duration(typed))
        length = *d;
    if (length <= seconds{0})
        return refusal<seconds>(code(typed) + " is not a number of hours: write `4`, `90m` or "
                                              "`2h30m`.");
    return length;
}

// The track the person hands over: the one they named, or the first primary track they hold
// among eoc, imoc, cmoc and then the other rotations.
outcome<track_ref> track_to_hand_over(const context& ctx, const user_id& me,
                                      const std::optional<track_ref>& named) {
    if (named) {
        auto holder = ctx.people.on_call(named->name(), ctx.now);
        if (holder == me)
            return *named;
        return refusal<track_ref>("You are not on call for " + named->name() + " now" +
                                  (holder ? " (" + mention(*holder) + " is)" : std::string()) +
                                  ", so you have no shift of it to hand over. To cover someone "
                                  "else's shift, use `/chatops run oncall override`.");
    }
    std::vector<const rotation_settings*> order;
    for (std::string_view name : {"eoc", "imoc", "cmoc"})
        if (const auto* rotation = ctx.config.find_rotation(name))
            order.push_back(rotation);
    for (const auto& rotation : ctx.config.rotations)
        if (std::find(order.begin(), order.end(), &rotation) == order.end())
            order.push_back(&rotation);
    for (const auto* rotation : order)
        if (ctx.people.on_call(rotation->name, ctx.now) == me)
            return track_ref{rotation, track::primary};
    return refusal<track_ref>("You are not on call now, so there is no shift to hand over. "
                              "`/chatops run oncall` shows who is.");
}

} // namespace

decision override_action(const request& r) {
    auto words = words_of(r.args);
    if (!words)
        return usage_error(r, words.error());
    if (words->size() < 4)
        return usage_error(r, "An override needs a rotation, a person, a start and an end.");
    const context& ctx = r.ctx;
    problems found;
    auto t = track_named((*words)[0], ctx.config);
    if (!t)
        found.add("", t.error());
    else if (members(*t->rotation, t->which).empty())
        found.add("", "Nobody is scheduled on " + code(t->name()) +
                          ", and an override only replaces the person of a scheduled shift. "
                          "Add members to it in the configuration first.");
    auto covering = coverer_named(r, (*words)[1]);
    if (!covering)
        found.add("", covering.error());
    std::string zone = zone_of(r);
    std::size_t at = 2;
    auto from = read_time(*words, at, ctx.now, ctx.now, zone);
    if (!from)
        found.add("", "The start: " + from.error());
    auto until = from ? read_time(*words, at, ctx.now, *from, zone) : from;
    if (from && !until)
        found.add("", "The end: " + until.error());
    if (from && until)
        check_period(found, *from, *until, ctx.now, zone);
    if (from && until && at < words->size())
        found.add("", "Unexpected " + code((*words)[at]) + " after the end.");
    if (!found.empty())
        return usage_error(r, found.text("Nothing was changed:"));
    return set_override(r, *t, *covering, *from, *until, false,
                        overlap_note(*t, *from, *until, ctx));
}

decision overrides_action(const request& r) {
    auto words = words_of(r.args);
    if (!words)
        return usage_error(r, words.error());
    if (words->size() > 1)
        return usage_error(r, "Unexpected " + code((*words)[1]) + ".");
    std::vector<override_record> records;
    std::string what;
    if (words->empty()) {
        records = stored_overrides(r.ctx);
    } else {
        auto t = track_named(words->front(), r.ctx.config);
        if (!t)
            return usage_error(r, t.error());
        bool whole = words->front().find(':') == std::string::npos;
        what = whole ? t->rotation->name : t->name();
        records = whole ? stored_overrides(r.ctx, t->rotation)
                        : r.ctx.incidents.override_records(t->name());
    }
    std::erase_if(records, [&](const override_record& o) { return o.what.until <= r.ctx.now; });
    for (auto& o : records)
        o.what.person = user_of(o.what.person, r.ctx);
    return reply_only(override_list(records, what, r.ctx.now, zone_of(r)));
}

decision remove_action(const request& r) {
    auto words = words_of(r.args);
    if (!words)
        return usage_error(r, words.error());
    if (words->size() != 1)
        return usage_error(r, words->empty() ? "Which override? Give its id." : "Give one id.");
    std::string_view typed = words->front();
    if (typed.starts_with("#"))
        typed.remove_prefix(1);
    auto id = number_named(typed, "an override id");
    if (!id)
        return usage_error(r, id.error());
    const context& ctx = r.ctx;
    std::optional<override_record> found;
    for (auto& o : stored_overrides(ctx))
        if (o.id == *id)
            found = o;
    std::string ref = "#" + std::to_string(*id);
    if (!found)
        return reply_only("There is no override " + ref +
                          ". `/chatops run oncall overrides` lists them with their ids.");
    std::string zone = zone_of(r);
    if (found->what.until <= ctx.now)
        return reply_only("Override " + ref + " ended " + format_local(found->what.until, zone) +
                          "; it stays as the record of who was on call.");
    auto t = track_named(found->what.rotation, ctx.config);
    user_id covering = user_of(found->what.person, ctx);
    std::vector<user_id> covered;
    if (t)
        covered = covered_people(*t, found->what.from, found->what.until, ctx);
    const user_id& me = r.input.user;
    bool allowed = me == found->created_by || me == covering ||
                   std::find(covered.begin(), covered.end(), me) != covered.end();
    if (!allowed)
        return reply_only(who_may_remove(ref, found->created_by, covering, covered));
    override_news news{.track = found->what.rotation,
                       .covering = covering,
                       .by = me,
                       .from = found->what.from,
                       .until = found->what.until,
                       .covered = covered,
                       .is_cover = false};
    decision out;
    out.overrides_removed.push_back(*id);
    if (covering != me)
        out.effects.push_back(
            notify_user{covering, removal_notice(*id, news, ctx.people.time_zone(covering))});
    if (t && !t->rotation->channel.empty())
        out.effects.push_back(post_message{
            t->rotation->channel, removal_post(*id, news, ctx.config.workspace.time_zone)});
    out.reply = removal_reply(*id, news, zone);
    return out;
}

decision cover_action(const request& r) {
    auto words = words_of(r.args);
    if (!words)
        return usage_error(r, words.error());
    const context& ctx = r.ctx;
    const user_id& me = r.input.user;
    std::size_t at = 0;
    std::optional<track_ref> named;
    auto is_person = [&](const std::string& w) {
        return parse_user_ref(w) || lower_ascii(w) == "me" || ctx.people.knows(w);
    };
    if (!words->empty() && !is_person(words->front())) {
        auto t = track_named(words->front(), ctx.config);
        if (!t)
            return usage_error(r, t.error());
        named = *t;
        ++at;
    }
    if (at >= words->size())
        return usage_error(r, "Who covers? Name them: `@name`.");
    auto covering = coverer_named(r, (*words)[at++]);
    if (!covering)
        return usage_error(r, covering.error());
    if (*covering == me)
        return usage_error(r, "You can't hand your shift to yourself: name who covers.");
    std::optional<seconds> length;
    if (at < words->size()) {
        auto h = hours_named((*words)[at++]);
        if (!h)
            return usage_error(r, h.error());
        length = *h;
    }
    if (at < words->size())
        return usage_error(r, "Unexpected " + code((*words)[at]) + ".");

    auto held = track_to_hand_over(ctx, me, named);
    if (!held)
        return reply_only(held.error());
    auto shifts = ctx.people.shifts(held->name(), ctx.now, ctx.now + look_ahead);
    std::erase_if(shifts, [&](const shift& s) { return s.end <= ctx.now; });
    if (shifts.empty())
        return reply_only("You are not on call for " + held->name() + " now.");
    std::size_t k = 0;
    time_point end = std::min(stretch(shifts, k).end, ctx.now + longest_override);
    std::string zone = zone_of(r);
    if (length && ctx.now + *length > end)
        return reply_only("Your " + held->name() + " shift ends " + format_local(end, zone) +
                          " (in " + format_duration(end - ctx.now) +
                          "): hand over at most that. Leave out the hours to hand over the rest "
                          "of it.");
    time_point until = length ? ctx.now + *length : end;
    return set_override(r, *held, *covering, ctx.now, until, true,
                        overlap_note(*held, ctx.now, until, ctx));
}

} // namespace siren::commands::oncall
