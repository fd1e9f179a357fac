// /119 action add, /119 action done, /119 actions: an incident's follow-up actions, which the
// review lists as its corrective actions and hand-overs list while open (review.hpp).

#include "commands/incident_effects.hpp"
#include "commands/render.hpp"
#include "commands/review.hpp"
#include "commands/text.hpp"
#include "commands/tokenizer.hpp"
#include "commands/tracker_effects.hpp"
#include "commands/values.hpp"
#include "core/mention.hpp"

#include <algorithm>

namespace siren::commands {

namespace {

constexpr std::size_t max_ticket_characters = 100;

// Role holders and the review's owner track follow-ups; an action's owner may also close it.
bool may_track(const request& r) {
    const incident& i = *r.here;
    return holds_a_role(i, r.input.user) ||
           review_owner(r.ctx.incidents.find_review(i.id), i) == r.input.user;
}

std::string may_not_track(const request& r, std::string_view what) {
    const incident& i = *r.here;
    return "Only people with a role in " + incident_ref(i) + " or the owner of its review " +
           render::person(review_owner(r.ctx.incidents.find_review(i.id), i)) + " can " +
           std::string(what) + ". Ask one of them, or take a free role with `/119 update tl=me`.";
}

std::string describe(const follow_up_action& a) {
    std::string text =
        std::to_string(a.number) + " · " + (a.done ? "done" : "open") + " · " + a.text;
    text += a.owner.empty() ? " · no owner" : " · " + mention(a.owner);
    if (!a.ticket.empty())
        text += " · " + a.ticket;
    return text;
}

decision add(const request& r, std::string_view args) {
    const incident& i = *r.here;
    if (!may_track(r))
        return reply_only(may_not_track(r, "add follow-up actions"));
    auto words = tokenize(args);
    if (!words)
        return usage_error(r, words.error());
    problems found;
    follow_up_action a{.incident = i.id};
    std::string text;
    bool owner_given = false;
    bool file_issue = false;
    for (const word& w : *words) {
        if (!w.quoted && !w.is_pair() && lower_ascii(w.text) == "--ticket") {
            file_issue = true;
            continue;
        }
        if (w.is_pair() && lower_ascii(w.key) == "ticket") {
            if (!a.ticket.empty())
                found.add("", "`ticket` is given twice.");
            else if (auto t = title_from(w.value); !t)
                found.add("", "The ticket: " + t.error());
            else if (count_characters(*t) > max_ticket_characters)
                found.add("", "The ticket is longer than " + std::to_string(max_ticket_characters) +
                                  " characters.");
            else
                a.ticket = *t;
            continue;
        }
        if (!w.quoted && !w.is_pair() && parse_user_ref(w.text)) {
            auto who = person_named(w.text, r.input.user, r.ctx.people);
            if (!who)
                found.add("", who.error());
            else if (owner_given)
                found.add("", "Name one owner; " + mention(a.owner) + " is named already.");
            else
                a.owner = *who;
            owner_given = true;
            continue;
        }
        text.append(text.empty() ? "" : " ").append(w.text);
    }
    auto checked = text_from(text, "The action");
    if (!checked)
        found.add("", checked.error());
    else if (checked->empty())
        found.add("", "Say what is to be done, e.g. `/119 action add alert on checkout error rate "
                      "@bob ticket=OPS-12`.");
    if (file_issue && !a.ticket.empty())
        found.add("",
                  "Give `ticket=ID` for an existing ticket or `--ticket` to file one, not both.");
    else if (file_issue && !tracks_issues(r.ctx.config))
        found.add("", "`--ticket` files the action in the issue tracker, and none is configured "
                      "(`tracker:` in siren.yaml); name an existing one with `ticket=ID`.");
    if (!found.empty())
        return usage_error(r, found.text("Nothing was added:"));
    a.text = *checked;
    int last = 0;
    for (const auto& existing : r.ctx.incidents.actions(i.id))
        last = std::max(last, existing.number);
    a.number = last + 1;
    decision out;
    out.effects.push_back(post_in_channel(i, mention(r.input.user) + " added follow-up " +
                                                 describe(a) + " to " + incident_ref(i) + "."));
    if (!a.owner.empty() && a.owner != r.input.user)
        out.effects.push_back(
            notify_user{a.owner, ":clipboard: " + mention(r.input.user) + " gave you follow-up " +
                                     std::to_string(a.number) + " of *" + incident_ref(i) + " " +
                                     i.title + "* in " + render::channel_of(i) + ": " + a.text +
                                     (a.ticket.empty() ? "" : " (" + a.ticket + ")") + "."});
    if (file_issue)
        out.effects.push_back(open_action_issue(i, a));
    out.reply = "Added follow-up " + std::to_string(a.number) + " to " + incident_ref(i) +
                (file_issue ? "; its ticket is being filed" : "") +
                ". Mark it done with `/119 action done " + std::to_string(a.number) + "`.";
    out.actions_saved.push_back(std::move(a));
    return out;
}

decision done(const request& r, std::string_view args) {
    const incident& i = *r.here;
    auto n = number_named(args, "a follow-up number");
    if (!n)
        return usage_error(r, n.error());
    auto all = r.ctx.incidents.actions(i.id);
    auto it = std::find_if(all.begin(), all.end(),
                           [&](const follow_up_action& a) { return a.number == *n; });
    if (it == all.end())
        return reply_only("There is no follow-up " + std::to_string(*n) + " in " + incident_ref(i) +
                          ": `/119 actions` lists them.");
    if (it->owner != r.input.user && !may_track(r))
        return reply_only(may_not_track(r, "mark others' follow-ups done") +
                          (it->owner.empty() ? "" : " Its owner " + mention(it->owner) + " can."));
    if (it->done)
        return reply_only("Follow-up " + std::to_string(*n) + " of " + incident_ref(i) +
                          " is done already.");
    follow_up_action finished = *it;
    finished.done = true;
    decision out;
    out.effects.push_back(post_in_channel(i, mention(r.input.user) + " finished follow-up " +
                                                 describe(finished) + "."));
    out.reply = "Marked follow-up " + std::to_string(*n) + " of " + incident_ref(i) + " done.";
    out.actions_saved.push_back(std::move(finished));
    return out;
}

// Every follow-up of the incident, open and done.
decision list(const request& r) {
    const incident& i = *r.here;
    auto all = r.ctx.incidents.actions(i.id);
    if (all.empty())
        return reply_only("No follow-ups for " + incident_ref(i) +
                          " yet: add one with `/119 action add <text> [@owner] [ticket=ID]`.");
    auto open = std::count_if(all.begin(), all.end(), [](const auto& a) { return !a.done; });
    std::string text = "*Follow-ups of " + incident_ref(i) + "* (" + std::to_string(all.size()) +
                       ", " + std::to_string(open) + " open)";
    for (const auto& a : all)
        text += "\n• " + describe(a);
    return reply_only(text);
}

} // namespace

decision action_command(const request& r) {
    auto [verb, rest] = split_first_word(r.args);
    std::string which = lower_ascii(verb);
    if (which == "add")
        return add(r, rest);
    if (which == "done")
        return done(r, rest);
    if (which == "list" && rest.empty())
        return list(r);
    std::string problem = verb.empty() ? "Say what to do with follow-ups: `add` or `done`."
                                       : "Unknown action verb " + code(verb) + ".";
    if (auto guess = closest(which, {"add", "done", "list"}); guess && !verb.empty())
        problem += " Did you mean `" + *guess + "`?";
    return usage_error(r, problem);
}

decision actions_command(const request& r) {
    if (!r.args.empty())
        return usage_error(r, "`/119 actions` takes no arguments.");
    return list(r);
}

} // namespace siren::commands
