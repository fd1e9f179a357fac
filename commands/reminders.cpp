// Update, public update and role reminders on durable timers (reminders.hpp).

#include "commands/reminders.hpp"

#include "commands/incident_effects.hpp"
#include "commands/public_update.hpp"
#include "commands/render.hpp"
#include "commands/text.hpp"
#include "core/mention.hpp"

#include <algorithm>

namespace siren::commands {

namespace {

// A snoozed reminder's payload ends in this word: "snoozed", "tl snoozed".
constexpr std::string_view snoozed_marker = "snoozed";
constexpr minutes default_snooze{30};
constexpr hours longest_snooze{4};

const std::string_view reminder_kinds[] = {update_reminder_timer, public_update_reminder_timer,
                                           role_reminder_timer};

bool is_snoozed(const timer& t) {
    return t.payload.ends_with(snoozed_marker);
}

// The role a role reminder is for: its payload without the snooze marker.
std::optional<role> role_of(const timer& t) {
    std::string_view key = t.payload;
    if (is_snoozed(t))
        key = key.substr(0, key.find(' '));
    return parse_role(key);
}

timer reminder_at(std::string_view kind, incident_id id, time_point due, std::string payload = {}) {
    return {
        .kind = std::string(kind), .incident = id, .due_at = due, .payload = std::move(payload)};
}

void stop(decision& out, std::string_view kind, incident_id id) {
    out.timers_stopped.push_back({std::string(kind), id});
}

std::optional<timer> update_reminder(const incident& i, const settings& config, time_point now) {
    minutes every = config.policy(i.level).update_every;
    if (every <= minutes{0})
        return std::nullopt;
    return reminder_at(update_reminder_timer, i.id, now + every);
}

std::optional<timer> public_update_reminder(const incident& i, const settings& config,
                                            time_point now) {
    minutes every = config.policy(i.level).public_update_every;
    if (every <= minutes{0} || !is_on_status_page(i, config))
        return std::nullopt;
    return reminder_at(public_update_reminder_timer, i.id, now + every);
}

std::vector<timer> role_reminders(const incident& i, const settings& config, time_point now) {
    std::vector<timer> due;
    for (const auto& [which, within] : config.policy(i.level).fill_roles)
        if (!is_filled(i, which) && within > minutes{0})
            due.push_back(
                reminder_at(role_reminder_timer, i.id, now + within, std::string(to_key(which))));
    return due;
}

void start(decision& out, std::optional<timer> t) {
    if (t)
        out.timers_started.push_back(std::move(*t));
}

bool has_entry(const decision& d, incident_id id, bool (*wanted)(entry_kind)) {
    return std::any_of(d.timeline.begin(), d.timeline.end(),
                       [&](const timeline_entry& e) { return e.incident == id && wanted(e.kind); });
}

// When the last entry of a kind was made; the declaration when there was none.
time_point last_entry(const incident& i, const context& ctx, bool (*wanted)(entry_kind)) {
    time_point last = i.declared_at;
    for (const timeline_entry& e : ctx.incidents.timeline(i.id))
        if (wanted(e.kind))
            last = std::max(last, e.at);
    return last;
}

bool is_public_update(entry_kind k) {
    return k == entry_kind::public_update;
}

// "@alice (IC), @bob (CL duties)": the people a reminder is for, each once; an unfilled role
// names whoever holds its duties by the cascade.
std::string addressed(const incident& i, std::initializer_list<role> roles) {
    std::vector<user_id> seen;
    std::string text;
    for (role r : roles) {
        const user_id& who = duty_holder(i, r);
        if (who.empty() || std::find(seen.begin(), seen.end(), who) != seen.end())
            continue;
        seen.push_back(who);
        std::string label(to_string(r));
        text.append(text.empty() ? "" : ", ")
            .append(mention(who) + " (" + label + (is_filled(i, r) ? ")" : " duties)"));
    }
    return text.empty() ? "Whoever takes command" : text;
}

button snooze_button() {
    return {.label = "Snooze 30m", .command = "/119 snooze 30m"};
}

effect reminder_post(const incident& i, std::string text, std::vector<button> buttons) {
    return post_message{.channel = i.channel_name, .text = std::move(text), .buttons = buttons};
}

std::string cadence(const incident& i, minutes every) {
    return std::string(to_string(i.level)) + " expects one every " + format_duration(every);
}

decision remind_update(const incident& i, const context& ctx) {
    minutes every = ctx.config.policy(i.level).update_every;
    if (every <= minutes{0})
        return {};
    decision out;
    std::string text = ":alarm_clock: No update on " + incident_ref(i) + " for " +
                       format_duration(ctx.now - last_entry(i, ctx, is_update)) + " (" +
                       cadence(i, every) + "). " + addressed(i, {role::ic, role::cl}) +
                       ": post one with `/119 update status=… summary=\"…\"` or "
                       "`/119 public \"…\"`, or snooze this once with `/119 snooze 30m`.";
    out.effects.push_back(reminder_post(i, std::move(text), {snooze_button()}));
    start(out, update_reminder(i, ctx.config, ctx.now));
    return out;
}

decision remind_public_update(const incident& i, const context& ctx) {
    minutes every = ctx.config.policy(i.level).public_update_every;
    if (every <= minutes{0} || !is_on_status_page(i, ctx.config))
        return {};
    decision out;
    auto timeline = ctx.incidents.timeline(i.id);
    bool any = std::any_of(timeline.begin(), timeline.end(),
                           [](const timeline_entry& e) { return is_public_update(e.kind); });
    std::string since = format_duration(ctx.now - last_entry(i, ctx, is_public_update));
    std::string text = ":mega: A public update on " + incident_ref(i) + " is due: " +
                       (any ? "the last one was " + since + " ago"
                            : "none was posted in the " + since + " since it was declared") +
                       " (" + cadence(i, every) + "). " + addressed(i, {role::cl}) +
                       ": tell customers where things stand with `/119 public \"…\"`.";
    out.effects.push_back(reminder_post(i, std::move(text), {snooze_button()}));
    start(out, public_update_reminder(i, ctx.config, ctx.now));
    return out;
}

decision remind_role(const timer& due, const incident& i, const context& ctx) {
    auto which = role_of(due);
    const auto& wanted = ctx.config.policy(i.level).fill_roles;
    auto within = which ? wanted.find(*which) : wanted.end();
    if (!which || is_filled(i, *which) || within == wanted.end() || within->second <= minutes{0})
        return {};
    std::string name(to_string(*which));
    std::string key(to_key(*which));
    decision out;
    std::string text = ":busts_in_silhouette: " + incident_ref(i) + " has no " + name + " " +
                       format_duration(ctx.now - i.declared_at) + " after it was declared (" +
                       std::string(to_string(i.level)) + " wants one within " +
                       format_duration(within->second) + "). Take it with `/119 update " + key +
                       "=me`, or " + addressed(i, {role::ic}) + " assigns someone: `/119 update " +
                       key + "=@name`.";
    out.effects.push_back(reminder_post(
        i, std::move(text),
        {{.label = "Join as " + name, .command = "/119 update " + key + "=me"}, snooze_button()}));
    out.timers_started.push_back(
        reminder_at(role_reminder_timer, i.id, ctx.now + within->second, key));
    return out;
}

} // namespace

bool is_update(entry_kind k) {
    return k == entry_kind::stage || k == entry_kind::status || k == entry_kind::severity ||
           k == entry_kind::summary || k == entry_kind::resolved || k == entry_kind::reopened ||
           k == entry_kind::public_update;
}

std::vector<timer> first_reminders(const incident& i, const settings& config, time_point now) {
    std::vector<timer> due = role_reminders(i, config, now);
    if (auto t = update_reminder(i, config, now))
        due.insert(due.begin(), std::move(*t));
    if (auto t = public_update_reminder(i, config, now))
        due.push_back(std::move(*t));
    return due;
}

void reschedule_reminders(decision& out, const incident& before, const incident& after,
                          const settings& config, time_point now) {
    bool was_open = is_open(before) && before.id == after.id;
    if (!is_open(after)) {
        if (was_open)
            for (std::string_view kind : reminder_kinds)
                stop(out, kind, after.id);
        return;
    }
    bool new_severity = before.level != after.level;
    if (!was_open || has_entry(out, after.id, is_update)) {
        stop(out, update_reminder_timer, after.id);
        start(out, update_reminder(after, config, now));
    }
    if (!was_open || new_severity || has_entry(out, after.id, is_public_update)) {
        stop(out, public_update_reminder_timer, after.id);
        start(out, public_update_reminder(after, config, now));
    }
    if (!was_open || new_severity) {
        stop(out, role_reminder_timer, after.id);
        for (timer& t : role_reminders(after, config, now))
            out.timers_started.push_back(std::move(t));
    }
}

decision on_reminder_timer(const timer& due, const context& ctx) {
    auto i = ctx.incidents.find(due.incident);
    if (!i || !is_open(*i))
        return {};
    if (due.kind == update_reminder_timer)
        return remind_update(*i, ctx);
    if (due.kind == public_update_reminder_timer)
        return remind_public_update(*i, ctx);
    if (due.kind == role_reminder_timer)
        return remind_role(due, *i, ctx);
    return {};
}

decision snooze_command(const request& r) {
    const incident& i = *r.here;
    const context& ctx = r.ctx;
    if (!holds_a_role(i, r.input.user))
        return reply_only("Only people with a role in " + incident_ref(i) +
                          " can snooze its reminders.");
    minutes wanted = default_snooze;
    if (!r.args.empty()) {
        auto typed = parse_duration(r.args);
        if (!typed || *typed < minutes{1} || *typed > longest_snooze)
            return usage_error(r, "Snooze for a duration from `1m` to `" +
                                      format_duration(longest_snooze) + "`, e.g. `30m`; not " +
                                      code(r.args) + ".");
        wanted = std::chrono::duration_cast<minutes>(*typed);
    }
    // The reminders still to come; those of roles filled since are dropped, as they would say
    // nothing.
    std::vector<timer> pending;
    for (const timer& t : ctx.incidents.pending_timers(i.id)) {
        bool is_reminder = std::find(std::begin(reminder_kinds), std::end(reminder_kinds),
                                     t.kind) != std::end(reminder_kinds);
        bool says_nothing =
            t.kind == role_reminder_timer && (!role_of(t) || is_filled(i, *role_of(t)));
        if (is_reminder && !says_nothing)
            pending.push_back(t);
    }
    if (pending.empty())
        return reply_only("No reminder of " + incident_ref(i) + " is pending: nothing to snooze.");
    for (const timer& t : pending)
        if (is_snoozed(t))
            return reply_only("The reminders of " + incident_ref(i) +
                              " are snoozed already (once per reminder): post an update instead.");
    decision out;
    for (std::string_view kind : reminder_kinds)
        stop(out, kind, i.id);
    time_point next = pending.front().due_at + wanted;
    for (timer t : pending) {
        t.id = 0;
        t.due_at += wanted;
        t.payload += (t.payload.empty() ? "" : " ") + std::string(snoozed_marker);
        next = std::min(next, t.due_at);
        out.timers_started.push_back(std::move(t));
    }
    std::string text = "snoozed the reminders by " + format_duration(wanted);
    out.timeline.push_back({i.id, ctx.now, r.input.user, entry_kind::note, text});
    out.effects.push_back(post_in_channel(i, ":zzz: " + mention(r.input.user) + " " + text + "."));
    out.reply = "Snoozed the reminders of " + incident_ref(i) + " by " + format_duration(wanted) +
                ": the next is due at " + format_local(next, ctx.people.time_zone(r.input.user)) +
                " (in " + format_duration(next - ctx.now) + ").";
    return out;
}

} // namespace siren::commands
