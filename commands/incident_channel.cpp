// /119: run an incident from its channel: update, status, history, note, resolve, handover,
// reopen.

#include "commands/archive.hpp"
#include "commands/families.hpp"
#include "commands/incident_effects.hpp"
#include "commands/paging.hpp"
#include "commands/public_update.hpp"
#include "commands/reminders.hpp"
#include "commands/render.hpp"
#include "commands/review.hpp"
#include "commands/status_mirror.hpp"
#include "commands/text.hpp"
#include "commands/tokenizer.hpp"
#include "commands/tracker_effects.hpp"
#include "commands/values.hpp"
#include "core/mention.hpp"

#include <algorithm>

namespace siren::commands {

namespace {

constexpr std::size_t history_per_page = 50;

// The changes one command makes to an incident, ready to be stored, posted and announced.
struct change_set {
    explicit change_set(const incident& before)
        : after(before) {}

    incident after;
    std::vector<timeline_entry> entries;
    std::vector<std::string> told; // every change, as the channel is told it
    std::vector<std::string> news; // what the announcement channel is told
    std::vector<std::pair<role, user_id>> assigned;
    bool topic_changed = false;
    bool resolves = false;
};

void record(change_set& c, const request& r, entry_kind kind, std::string text) {
    // The public hears of severity, stage and status; the topic shows severity, stage and IC.
    bool news = kind == entry_kind::severity || kind == entry_kind::stage ||
                kind == entry_kind::status || kind == entry_kind::resolved ||
                kind == entry_kind::reopened;
    bool in_topic = (news && kind != entry_kind::status) || kind == entry_kind::handover;
    c.topic_changed = c.topic_changed || in_topic;
    if (news)
        c.news.push_back(text);
    c.told.push_back(text);
    c.entries.push_back({c.after.id, r.ctx.now, r.input.user, kind, std::move(text)});
}

void resolve_into(change_set& c, const request& r) {
    c.after.current = stage::resolved;
    c.after.status = public_status::operational;
    c.after.resolved_at = r.ctx.now;
    c.resolves = true;
    record(c, r, entry_kind::resolved,
           "resolved after " + format_duration(r.ctx.now - c.after.declared_at));
}

void assign_into(change_set& c, const request& r, role which, const user_id& user) {
    std::string before = is_filled(c.after, which) ? mention(duty_holder(c.after, which)) : "";
    c.after.roles[which] = user;
    record(c, r, which == role::ic ? entry_kind::handover : entry_kind::role,
           render::change(to_string(which), before, mention(user)));
    c.assigned.emplace_back(which, user);
}

std::string joined(const std::vector<std::string>& parts) {
    std::string text;
    for (const auto& p : parts)
        text.append(text.empty() ? "" : " · ").append(p);
    return text;
}

// The decision for a change set: the incident saved, the timeline, and the effects in the order
// people notice them.
decision commit(const request& r, change_set c, std::string reply) {
    const context& ctx = r.ctx;
    const incident& before = *r.here;
    c.after.updated_at = ctx.now;
    decision out;
    std::vector<user_id> newcomers;
    for (const auto& [which, user] : c.assigned)
        if (user != r.input.user &&
            std::find(newcomers.begin(), newcomers.end(), user) == newcomers.end())
            newcomers.push_back(user);
    if (!newcomers.empty())
        out.effects.push_back(invite_users{c.after.channel_name, newcomers});
    out.effects.push_back(edit_intro(c.after, ctx.config));
    if (c.topic_changed)
        out.effects.push_back(change_topic(c.after));
    out.effects.push_back(
        post_in_channel(c.after, render::update_post(r.input.user, c.after, c.told)));
    for (const auto& [which, user] : c.assigned)
        if (auto duties = tell_duties(c.after, which, user, ctx.config))
            out.effects.push_back(std::move(*duties));
    if (c.after.current == stage::closed && before.current != stage::closed)
        if (auto later = archive_later(c.after, ctx.config, ctx.now))
            out.timers_started.push_back(std::move(*later));
    if (before.current == stage::closed && c.after.current != stage::closed)
        out.timers_stopped.push_back({std::string(archive_timer), before.id});
    if (c.resolves) {
        for (auto& stop : paging_timers(before.id))
            out.timers_stopped.push_back(std::move(stop));
        auto keys = paged_dedup_keys(ctx.incidents.timeline(before.id));
        for (auto& key : keys)
            out.effects.push_back(resolve_page{std::move(key)});
        if (!keys.empty())
            reply += " Resolved " + std::to_string(keys.size()) +
                     (keys.size() == 1 ? " page." : " pages.");
    }
    if (auto issue = sync_incident_issue(before, c.after, ctx.config))
        out.effects.push_back(std::move(*issue));
    if (auto hosted = mirror_changed(before, c.after, ctx.config))
        out.effects.push_back(std::move(*hosted));
    if (!c.news.empty() && (is_announced(before, ctx.config) || is_announced(c.after, ctx.config)))
        out.effects.push_back(announce(ctx.config, render::announcement(c.after, joined(c.news))));
    if (c.resolves)
        reply += " " + open_review(out, c.after, ctx);
    if (!is_open(before) && is_open(c.after))
        reopen_review(out, before.id, ctx);
    out.reply = std::move(reply);
    out.timeline = std::move(c.entries);
    reschedule_reminders(out, before, c.after, ctx.config, ctx.now);
    out.saved = std::move(c.after);
    return out;
}

// The keys /119 update understands, in the order their changes are checked, applied and told.
enum class field { stage, status, severity, ic, tl, cl, em, summary };

struct field_key {
    field which;
    std::string_view key;
};
constexpr field_key field_keys[] = {
    {field::stage, "stage"}, {field::status, "status"},   {field::severity, "sev"},
    {field::ic, "ic"},       {field::tl, "tl"},           {field::cl, "cl"},
    {field::em, "em"},       {field::summary, "summary"},
};

std::string_view key_of(field f) {
    return field_keys[static_cast<int>(f)].key;
}

role role_of(field f) {
    return parse_role(key_of(f)).value_or(role::ic);
}

std::optional<field> field_named(std::string_view typed) {
    std::string key = lower_ascii(typed);
    if (key == "severity")
        key = key_of(field::severity);
    else if (auto r = parse_role(key))
        key = to_key(*r);
    for (const auto& f : field_keys)
        if (f.key == key)
            return f.which;
    return std::nullopt;
}

form update_form(const incident& i, const settings& config) {
    std::vector<std::string> stages;
    for (stage s : all_stages)
        if (s != stage::declared || i.current == stage::declared)
            stages.emplace_back(to_string(s));
    std::vector<std::string> statuses;
    for (public_status s : all_public_statuses)
        statuses.emplace_back(to_key(s));
    form f{"update", "Update " + incident_ref(i), "Update", {}};
    f.fields.push_back(
        {"stage", "Stage", field_kind::choice, stages, std::string(to_string(i.current)), false});
    f.fields.push_back({"status", "Public status", field_kind::choice, statuses,
                        std::string(to_key(i.status)), false});
    f.fields.push_back({"sev", "Severity (S0 is the worst)", field_kind::choice,
                        severity_choices(config), severity_choice(i.level, config), false});
    for (role r : all_roles)
        f.fields.push_back({std::string(to_key(r)),
                            std::string(long_name(r)) + " (" + std::string(to_string(r)) + ")",
                            field_kind::person,
                            {},
                            is_filled(i, r) ? "@" + duty_holder(i, r) : "",
                            false});
    f.fields.push_back(
        {"summary", "Summary: what we know", field_kind::long_text, {}, i.summary, false});
    return f;
}

// Checks every wanted change and, when all pass, makes them. From a form, answers equal to the
// current values are no change; typed, they are a mistake worth telling.
decision apply_update(const request& r, const std::map<field, std::string>& wanted, problems& found,
                      bool from_form) {
    const incident& before = *r.here;
    const user_id& me = r.input.user;
    const std::string ref = incident_ref(before);
    const bool is_owner = owner(before) == me;
    const bool has_role = holds_a_role(before, me);
    change_set c{before};

    auto unchanged = [&](field f, std::string message) {
        if (!from_form)
            found.add(key_of(f), std::move(message));
    };
    auto needs_owner = [&](field f, std::string_view action) {
        if (!is_owner)
            found.add(key_of(f), render::only_the_commander(before, action));
        return is_owner;
    };
    auto needs_role = [&](field f, std::string_view what) {
        if (!has_role)
            found.add(key_of(f), "Only people with a role in " + ref + " can change its " +
                                     std::string(what) + ". Ask the incident commander " +
                                     render::person(owner(before)) +
                                     ", or take a free role with `/119 update tl=me`.");
        return has_role;
    };

    for (const auto& [which, value] : wanted) {
        std::string_view key = key_of(which);
        switch (which) {
        case field::stage: {
            auto to = stage_named(value);
            if (!to) {
                found.add(key, to.error());
                break;
            }
            if (*to == before.current) {
                unchanged(which, ref + " is already " + std::string(to_string(*to)) + ".");
                break;
            }
            bool finishing = *to == stage::resolved || *to == stage::closed;
            if (finishing ? !needs_owner(which, *to == stage::resolved ? "resolve" : "close")
                          : !needs_role(which, "stage"))
                break;
            if (auto allowed = check_transition(before.current, *to); !allowed) {
                found.add(key, "You can't move " + ref + " to " + std::string(to_string(*to)) +
                                   ": " + allowed.error() + ".");
                break;
            }
            if (*to == stage::closed && !is_review_written(r.ctx.incidents, before.id)) {
                found.add(key, "You can't close " + ref +
                                   " before its review is written: `/119 review done` marks it "
                                   "written and closes the incident.");
                break;
            }
            if (*to == stage::resolved) {
                resolve_into(c, r);
                break;
            }
            c.after.current = *to;
            record(c, r, entry_kind::stage,
                   render::change("stage", to_string(before.current), to_string(*to)));
            break;
        }
        case field::status: {
            auto to = status_named(value);
            if (!to) {
                found.add(key, to.error());
                break;
            }
            if (*to == before.status) {
                unchanged(which, "The status is already " + std::string(to_string(*to)) + ".");
                break;
            }
            if (!needs_role(which, "status"))
                break;
            c.after.status = *to;
            record(c, r, entry_kind::status,
                   render::change("status", to_string(before.status), to_string(*to)));
            break;
        }
        case field::severity: {
            auto to = severity_named(value, r.ctx.config);
            if (!to) {
                found.add(key, to.error());
                break;
            }
            if (*to == before.level) {
                unchanged(which, ref + " is already " + std::string(to_string(*to)) + ".");
                break;
            }
            if (!needs_owner(which, "change the severity of"))
                break;
            c.after.level = *to;
            record(c, r, entry_kind::severity,
                   render::change("severity", to_string(before.level), to_string(*to)));
            break;
        }
        case field::ic:
        case field::tl:
        case field::cl:
        case field::em: {
            role wanted_role = role_of(which);
            auto user = person_named(value, me, r.ctx.people);
            if (!user) {
                found.add(key, user.error());
                break;
            }
            if (is_filled(before, wanted_role) && duty_holder(before, wanted_role) == *user) {
                unchanged(which, mention(*user) + " is already " +
                                     std::string(to_string(wanted_role)) + ".");
                break;
            }
            if (wanted_role == role::ic) {
                // An incident nobody commands (an alert declared it with nobody on call) is
                // anyone's to take.
                bool taking_free_command = *user == me && !is_filled(before, role::ic);
                if (!taking_free_command && !needs_owner(which, "hand over"))
                    break;
            } else if (!is_owner && !(*user == me && !is_filled(before, wanted_role))) {
                std::string role_name(to_string(wanted_role));
                found.add(key, is_filled(before, wanted_role)
                                   ? role_name + " is held by " +
                                         mention(duty_holder(before, wanted_role)) +
                                         "; only the incident commander " +
                                         render::person(owner(before)) + " can reassign it."
                                   : "Only the incident commander " +
                                         render::person(owner(before)) +
                                         " can assign others. You can take a free role yourself: "
                                         "`/119 update " +
                                         std::string(key) + "=me`.");
                break;
            }
            assign_into(c, r, wanted_role, *user);
            break;
        }
        case field::summary: {
            auto text = text_from(value, "The summary");
            if (!text) {
                found.add(key, text.error());
                break;
            }
            if (text->empty() || *text == before.summary) {
                unchanged(which, text->empty() ? "The summary is empty: write summary=\"what "
                                                 "we know\"."
                                               : "The summary is already that.");
                break;
            }
            if (!needs_role(which, "summary"))
                break;
            c.after.summary = *text;
            record(c, r, entry_kind::summary, "summary: " + *text);
            break;
        }
        }
    }
    if (!found.empty())
        return usage_error(r, found.text("Nothing was changed:"));
    if (c.told.empty())
        return reply_only("Nothing to change: the answers are the current values of " + ref + ".");
    std::string reply = "Updated " + ref + ": " + joined(c.told) + ".";
    return commit(r, std::move(c), std::move(reply));
}

decision update_command(const request& r) {
    if (!r.input.answers.empty()) {
        form fields = update_form(*r.here, r.ctx.config);
        problems found(&fields);
        std::map<field, std::string> wanted;
        for (const auto& f : field_keys)
            if (auto it = r.input.answers.find(std::string(f.key));
                it != r.input.answers.end() && !trim(it->second).empty())
                wanted[f.which] = it->second;
        return apply_update(r, wanted, found, true);
    }
    auto words = tokenize(r.args);
    if (!words)
        return usage_error(r, words.error());
    if (words->empty()) {
        decision out;
        out.form = update_form(*r.here, r.ctx.config);
        return out;
    }
    problems found;
    std::map<field, std::string> wanted;
    std::vector<std::string_view> keys;
    for (const auto& f : field_keys)
        keys.push_back(f.key);
    for (auto& w : *words) {
        if (!w.is_pair()) {
            found.add("", code(w.text) + " is not a change: write key=value, e.g. "
                                         "`stage=identified`.");
            continue;
        }
        auto which = field_named(w.key);
        if (!which) {
            std::string message = "Unknown key " + code(w.key) + ".";
            if (auto guess = closest(w.key, keys))
                message += " Did you mean `" + *guess + "`?";
            found.add("", message + " Keys: " + one_of(keys) + ".");
            continue;
        }
        if (!wanted.emplace(*which, std::move(w.value)).second)
            found.add("", code(key_of(*which)) + " is given twice.");
    }
    return apply_update(r, wanted, found, false);
}

decision status_command(const request& r) {
    if (!r.args.empty())
        return usage_error(r, "`/119 status` takes no arguments.");
    return reply_only(render::status(*r.here, r.ctx.now));
}

decision history_command(const request& r) {
    std::size_t page = 1;
    if (!r.args.empty()) {
        auto n = number_named(r.args, "a page number");
        if (!n)
            return usage_error(r, n.error());
        page = static_cast<std::size_t>(*n);
    }
    auto entries = r.ctx.incidents.timeline(r.here->id);
    std::size_t pages =
        std::max<std::size_t>(1, (entries.size() + history_per_page - 1) / history_per_page);
    if (page > pages)
        return usage_error(r, "The history of " + incident_ref(*r.here) + " has " +
                                  std::to_string(pages) + (pages == 1 ? " page." : " pages."));
    return reply_only(render::history_page(*r.here, entries, page, pages, history_per_page,
                                           r.ctx.people.time_zone(r.input.user)));
}

decision note_command(const request& r) {
    auto text = text_from(r.args, "The note");
    if (!text)
        return usage_error(r, text.error());
    if (text->empty())
        return usage_error(r, "Write the note after the command, e.g. `/119 note failed over "
                              "to the replica`.");
    decision out;
    out.timeline.push_back({r.here->id, r.ctx.now, r.input.user, entry_kind::note, *text});
    out.reply = "Noted in the timeline of " + incident_ref(*r.here) + ".";
    return out;
}

decision resolve_command(const request& r) {
    const incident& i = *r.here;
    if (owner(i) != r.input.user)
        return reply_only(render::only_the_commander(i, "resolve"));
    if (auto allowed = check_transition(i.current, stage::resolved); !allowed)
        return reply_only("You can't resolve " + incident_ref(i) + ": " + allowed.error() + ".");
    auto summary = text_from(r.args, "The summary");
    if (!summary)
        return usage_error(r, summary.error());
    change_set c{i};
    if (!summary->empty() && *summary != i.summary) {
        c.after.summary = *summary;
        record(c, r, entry_kind::summary, "summary: " + *summary);
    }
    resolve_into(c, r);
    std::string reply = "Resolved " + incident_ref(i) + " after " +
                        format_duration(r.ctx.now - i.declared_at) + ".";
    return commit(r, std::move(c), std::move(reply));
}

decision handover_command(const request& r) {
    const incident& i = *r.here;
    if (owner(i) != r.input.user)
        return reply_only(render::only_the_commander(i, "hand over"));
    auto [typed, rest] = split_first_word(r.args);
    if (typed.empty() || !rest.empty())
        return usage_error(r, "Name the one person who takes over as incident commander.");
    auto user = person_named(typed, r.input.user, r.ctx.people);
    if (!user)
        return usage_error(r, user.error());
    if (*user == owner(i))
        return reply_only("You are already the incident commander of " + incident_ref(i) + ".");
    change_set c{i};
    assign_into(c, r, role::ic, *user);
    std::string reply = "Handed " + incident_ref(i) + " over to " + mention(*user) +
                        ", the incident commander now.";
    return commit(r, std::move(c), std::move(reply));
}

// Whoever holds a role, declared the incident or was its commander before a hand-over.
bool may_reopen(const request& r) {
    const incident& i = *r.here;
    const user_id& me = r.input.user;
    if (holds_a_role(i, me) || i.declared_by == me)
        return true;
    auto timeline = r.ctx.incidents.timeline(i.id);
    return std::any_of(timeline.begin(), timeline.end(), [&](const timeline_entry& e) {
        return e.kind == entry_kind::handover && e.actor == me;
    });
}

decision reopen_command(const request& r) {
    const incident& i = *r.here;
    if (!may_reopen(r))
        return reply_only("Only people with a role in " + incident_ref(i) +
                          " or who were its incident commander can reopen it. Ask " +
                          render::person(owner(i)) + ".");
    if (auto allowed = check_reopen(i.current); !allowed)
        return reply_only("You can't reopen " + incident_ref(i) + ": " + allowed.error() + ".");
    auto reason = text_from(r.args, "The reason");
    if (!reason)
        return usage_error(r, reason.error());
    change_set c{i};
    c.after.current = stage::investigating;
    c.after.resolved_at.reset();
    c.after.status = r.ctx.config.policy(i.level).initial_status;
    record(c, r, entry_kind::reopened, reason->empty() ? "reopened" : "reopened: " + *reason);
    std::string reply = "Reopened " + incident_ref(i) + ": it is investigating again.";
    return commit(r, std::move(c), std::move(reply));
}

decision help_command(const request&) {
    return reply_only(help(incident_channel_commands()));
}

} // namespace

decision close_incident(const request& r, std::string reply) {
    change_set c{*r.here};
    c.after.current = stage::closed;
    record(c, r, entry_kind::stage,
           render::change("stage", to_string(r.here->current), to_string(stage::closed)));
    return commit(r, std::move(c), std::move(reply));
}

const command_table& incident_channel_commands() {
    static const command_table table{
        "/119",
        "Run an incident from its channel",
        {
            {"update",
             "/119 update [stage=…] [status=…] [sev=…] [ic=@user] [tl=@user] [cl=@user] "
             "[em=@user] [summary=\"…\"]",
             "Change the stage, public status, severity, roles or summary (`tl=me` takes a free "
             "role). Without arguments, a form.",
             update_command, scope::incident_channel},
            {"status", "/119 status", "Where the incident stands: stage, status, roles, times.",
             status_command, scope::incident_channel},
            {"history", "/119 history [page]", "The timeline, oldest first, 50 entries a page.",
             history_command, scope::incident_channel},
            {"note", "/119 note <text>", "Add a line to the timeline.", note_command,
             scope::incident_channel},
            {"resolve", "/119 resolve [summary]",
             "The incident commander ends the incident: pages resolved, status operational.",
             resolve_command, scope::incident_channel},
            {"handover", "/119 handover @user",
             "The incident commander hands the incident over to someone else.", handover_command,
             scope::incident_channel},
            {"reopen", "/119 reopen [reason]", "Bring a resolved incident back to investigating.",
             reopen_command, scope::incident_channel},
            {"public", "/119 public \"<text>\"",
             "Post an update for the status page (the CL, the IC or the CMOC on call).",
             public_command, scope::incident_channel},
            {"snooze", "/119 snooze [30m]",
             "Push the pending update and role reminders back, once (at most 4h).", snooze_command,
             scope::incident_channel},
            {"review", "/119 review [owner=@user | done]",
             "Share the review draft (Markdown), hand the review to someone, or mark it written "
             "(closes the incident).",
             review_command, scope::incident_channel},
            {"action",
             "/119 action add <text> [@owner] [ticket=ID | --ticket] | /119 action done <n>",
             "Track a follow-up action of the incident, or mark one done.", action_command,
             scope::incident_channel},
            {"actions", "/119 actions", "The follow-up actions, open and done.", actions_command,
             scope::incident_channel},
            {"near-miss", "/119 near-miss [S0-S4]",
             "The incident commander marks this a near miss (the severity it would have had): "
             "nobody more is paged.",
             near_miss_command, scope::incident_channel},
            {"ack", "/119 ack [page key]",
             "Acknowledge your pages for this incident, or the page named (the Acknowledge "
             "button).",
             ack_command},
            {"escalate", "/119 escalate [level | rotation | @person | page key]",
             "Page the next level of the escalation policy now, or jump to a level or target.",
             escalate_command},
            {"help", "/119 help", "This help.", help_command},
        },
        "help",
    };
    return table;
}

} // namespace siren::commands
