// The review of an incident: opened by resolving, drafted with /119 review, closed with
// /119 review done; near misses (review.hpp).

#include "commands/review.hpp"

#include "commands/incident_effects.hpp"
#include "commands/paging.hpp"
#include "commands/render.hpp"
#include "commands/review_markdown.hpp"
#include "commands/text.hpp"
#include "commands/tokenizer.hpp"
#include "commands/values.hpp"
#include "core/mention.hpp"

namespace siren::commands {

namespace {

constexpr std::string_view provisional = "provisional";
constexpr std::string_view full = "full";

std::vector<timer_cancel> review_timers(incident_id id) {
    return {{std::string(review_reminder_timer), id}, {std::string(review_overdue_timer), id}};
}

void start_timers(decision& out, const review& r, const settings& config) {
    for (auto [which, due] : {std::pair{provisional, r.provisional_due}, {full, r.full_due}}) {
        seconds lead = config.reviews.remind_before;
        if (lead > seconds{0} && due - lead > *r.opened_at)
            out.timers_started.push_back({.kind = std::string(review_reminder_timer),
                                          .incident = r.incident,
                                          .due_at = due - lead,
                                          .payload = std::string(which)});
        out.timers_started.push_back({.kind = std::string(review_overdue_timer),
                                      .incident = r.incident,
                                      .due_at = due,
                                      .payload = std::string(which)});
    }
}

// "the first draft … by <time>" for the owner, in the owner's time zone.
std::string deadlines(const review& r, const context& ctx, const user_id& reader) {
    std::string zone = ctx.people.time_zone(reader);
    return "a first draft (`/119 review`) is due by " + format_local(r.provisional_due, zone) +
           ", the full review (`/119 review done`) by " + format_local(r.full_due, zone);
}

std::string name_of(const incident& i) {
    return "*" + incident_ref(i) + " " + i.title + "*";
}

decision share_draft(const request& r) {
    const incident& i = *r.here;
    const settings& config = r.ctx.config;
    std::string markdown = review_markdown(i, r.ctx.incidents, config);
    std::string filename = review_filename(i.id);
    decision out;
    std::string reply =
        "Shared the review draft of " + incident_ref(i) + " in the channel as " + filename + ".";
    if (!config.reviews.directory.empty()) {
        std::string path = config.reviews.directory + "/" + filename;
        out.effects.push_back(write_file{.path = path, .content = markdown});
        reply += " It is saved as " + path + ".";
    }
    out.effects.push_back(
        post_file{.channel = i.channel_name,
                  .filename = filename,
                  .title = "Review of " + incident_ref(i) + " " + i.title + " (draft)",
                  .content = std::move(markdown),
                  .comment = mention(r.input.user) + " shared the review draft of " +
                             incident_ref(i) + ": fill in the findings and corrective actions."});
    auto opened = r.ctx.incidents.find_review(i.id);
    if (opened && opened->opened_at && !opened->drafted_at && !opened->written_at) {
        opened->drafted_at = r.ctx.now;
        out.saved_review = std::move(opened);
        reply += " That is the provisional review.";
    }
    out.reply = std::move(reply);
    return out;
}

decision name_owner(const request& r, std::string_view typed) {
    const incident& i = *r.here;
    auto current = r.ctx.incidents.find_review(i.id);
    const user_id& now_owner = review_owner(current, i);
    if (r.input.user != owner(i) && r.input.user != now_owner)
        return reply_only("Only the incident commander " + render::person(owner(i)) +
                          " or the review's owner " + render::person(now_owner) +
                          " can hand the review of " + incident_ref(i) + " to someone else.");
    auto user = person_named(typed, r.input.user, r.ctx.people);
    if (!user)
        return usage_error(r, user.error());
    if (*user == now_owner)
        return reply_only(mention(*user) + " already owns the review of " + incident_ref(i) + ".");
    review changed = current.value_or(review{.incident = i.id});
    changed.owner = *user;
    decision out;
    out.saved_review = changed;
    out.timeline.push_back({i.id, r.ctx.now, r.input.user, entry_kind::role,
                            render::change("review owner", mention(now_owner), mention(*user))});
    out.effects.push_back(post_in_channel(i, mention(r.input.user) + " handed the review of " +
                                                 incident_ref(i) + " to " + mention(*user) + "."));
    if (*user != r.input.user) {
        std::string when = changed.opened_at ? ": " + deadlines(changed, r.ctx, *user) + "."
                                             : ". It opens when the incident is resolved.";
        out.effects.push_back(notify_user{*user, ":memo: You own the review of " + name_of(i) +
                                                     " in " + render::channel_of(i) + when});
    }
    out.reply = "The review of " + incident_ref(i) + " is " + mention(*user) + "'s now.";
    return out;
}

decision mark_written(const request& r) {
    const incident& i = *r.here;
    auto current = r.ctx.incidents.find_review(i.id);
    const user_id& reviewer = review_owner(current, i);
    if (r.input.user != owner(i) && r.input.user != reviewer)
        return reply_only("Only the review's owner " + render::person(reviewer) +
                          " or the incident commander " + render::person(owner(i)) +
                          " can mark the review of " + incident_ref(i) + " written.");
    if (i.current == stage::closed)
        return reply_only("The review of " + incident_ref(i) +
                          " is already written and the incident closed.");
    if (i.current != stage::resolved || !current || !current->opened_at)
        return reply_only("The review of " + incident_ref(i) +
                          " opens when the incident is resolved: `/119 resolve` first.");
    review written = *current;
    written.written_at = r.ctx.now;
    written.written_by = r.input.user;
    if (!written.drafted_at)
        written.drafted_at = r.ctx.now;
    decision out = close_incident(r, "Marked the review of " + incident_ref(i) +
                                         " written and closed the incident.");
    out.saved_review = std::move(written);
    for (auto& stop : review_timers(i.id))
        out.timers_stopped.push_back(std::move(stop));
    return out;
}

} // namespace

user_id review_owner(const std::optional<review>& r, const incident& i) {
    return r && !r->owner.empty() ? r->owner : owner(i);
}

bool is_review_written(const incident_view& view, incident_id id) {
    auto r = view.find_review(id);
    return r && r->written_at;
}

std::string open_review(decision& out, const incident& resolved, const context& ctx) {
    review r = ctx.incidents.find_review(resolved.id).value_or(review{.incident = resolved.id});
    r.opened_at = ctx.now;
    r.provisional_due = ctx.now + ctx.config.reviews.provisional_after;
    r.full_due = ctx.now + ctx.config.reviews.full_after;
    r.drafted_at.reset();
    r.written_at.reset();
    r.written_by.clear();
    for (auto& stop : review_timers(resolved.id))
        out.timers_stopped.push_back(std::move(stop));
    start_timers(out, r, ctx.config);
    const user_id& reviewer = review_owner(r, resolved);
    out.effects.push_back(notify_user{
        reviewer, ":memo: You own the review of " + name_of(resolved) + " in " +
                      render::channel_of(resolved) + ": " + deadlines(r, ctx, reviewer) +
                      ". Track corrective actions with `/119 action add`."});
    out.saved_review = r;
    return "The review is " + mention(reviewer) + "'s: " + deadlines(r, ctx, reviewer) + ".";
}

void reopen_review(decision& out, incident_id id, const context& ctx) {
    for (auto& stop : review_timers(id))
        out.timers_stopped.push_back(std::move(stop));
    auto r = ctx.incidents.find_review(id);
    if (!r || !r->opened_at)
        return;
    r->opened_at.reset();
    r->drafted_at.reset();
    r->written_at.reset();
    r->written_by.clear();
    out.saved_review = std::move(r);
}

decision on_review_timer(const timer& due, const context& ctx) {
    auto i = ctx.incidents.find(due.incident);
    auto r = i ? ctx.incidents.find_review(i->id) : std::nullopt;
    if (!r || !r->opened_at || r->written_at || i->current != stage::resolved)
        return {};
    bool is_provisional = due.payload == provisional;
    if (is_provisional && r->drafted_at)
        return {};
    const user_id& reviewer = review_owner(r, *i);
    time_point deadline = is_provisional ? r->provisional_due : r->full_due;
    std::string what = is_provisional ? "The first draft of the review of " + name_of(*i)
                                      : "The review of " + name_of(*i);
    std::string how = is_provisional ? "share it with `/119 review`"
                                     : "write the findings and corrective actions, then "
                                       "`/119 review done`";
    decision out;
    if (due.kind == review_reminder_timer) {
        out.effects.push_back(
            notify_user{reviewer, ":alarm_clock: " + what + " is due in " +
                                      format_duration(deadline - ctx.now) + " (" +
                                      format_local(deadline, ctx.people.time_zone(reviewer)) +
                                      "): " + how + " in " + render::channel_of(*i) + "."});
        return out;
    }
    std::string overdue = ":warning: " + what + " is overdue since " +
                          format_local(deadline, ctx.config.workspace.time_zone) + "; it is " +
                          mention(reviewer) + "'s to " + how + ".";
    out.effects.push_back(post_in_channel(*i, overdue));
    if (auto imoc = ctx.people.on_call("imoc", ctx.now); imoc && *imoc != reviewer)
        out.effects.push_back(
            notify_user{*imoc, overdue + " You are the incident manager on call: follow it up in " +
                                   render::channel_of(*i) + "."});
    out.timeline.push_back(
        {i->id, ctx.now, "", entry_kind::note,
         std::string(is_provisional ? "provisional" : "full") + " review overdue"});
    return out;
}

decision review_command(const request& r) {
    auto words = tokenize(r.args);
    if (!words)
        return usage_error(r, words.error());
    if (words->empty())
        return share_draft(r);
    if (words->size() == 1 && !(*words)[0].is_pair() && lower_ascii((*words)[0].text) == "done")
        return mark_written(r);
    if (words->size() == 1 && lower_ascii((*words)[0].key) == "owner")
        return name_owner(r, (*words)[0].value);
    return usage_error(r, "Write `/119 review` for the draft, `/119 review owner=@name` to hand "
                          "the review over, or `/119 review done` once it is written.");
}

decision near_miss_command(const request& r) {
    const incident& i = *r.here;
    if (owner(i) != r.input.user)
        return reply_only(render::only_the_commander(i, "mark as a near miss"));
    if (i.current == stage::closed)
        return reply_only(incident_ref(i) + " is closed: its review is written already.");
    auto [typed, rest] = split_first_word(r.args);
    if (!rest.empty())
        return usage_error(r, "Give at most the severity it would have had, e.g. `S1`.");
    severity would_be = i.level;
    if (!typed.empty()) {
        auto level = severity_named(typed, r.ctx.config);
        if (!level)
            return usage_error(r, level.error());
        would_be = *level;
    }
    auto current = r.ctx.incidents.find_review(i.id);
    if (i.near_miss && current && current->near_miss_level == would_be)
        return reply_only(incident_ref(i) + " is already a near miss that would have been " +
                          std::string(to_string(would_be)) + ".");
    incident after = i;
    after.near_miss = true;
    after.updated_at = r.ctx.now;
    review changed = current.value_or(review{.incident = i.id});
    changed.near_miss_level = would_be;
    std::string told = "near miss: it would have been " + std::string(to_string(would_be));
    decision out;
    out.timeline.push_back({i.id, r.ctx.now, r.input.user, entry_kind::note, told});
    out.effects.push_back(edit_intro(after, r.ctx.config));
    out.effects.push_back(post_in_channel(
        after, render::update_post(r.input.user, after, {told + ". Nobody more is paged."})));
    std::string reply = "Marked " + incident_ref(i) + " a near miss (it would have been " +
                        std::string(to_string(would_be)) + "): nobody more is paged.";
    if (is_open(i)) {
        for (auto& stop : paging_timers(i.id))
            out.timers_stopped.push_back(std::move(stop));
        auto keys = paged_dedup_keys(r.ctx.incidents.timeline(i.id));
        for (auto& key : keys)
            out.effects.push_back(resolve_page{std::move(key)});
        if (!keys.empty())
            reply += " Resolved " + std::to_string(keys.size()) +
                     (keys.size() == 1 ? " page." : " pages.");
    }
    out.saved = std::move(after);
    out.saved_review = std::move(changed);
    out.reply = std::move(reply);
    return out;
}

} // namespace siren::commands
