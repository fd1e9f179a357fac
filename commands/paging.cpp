// Acknowledgements, escalation and the paging timers (paging.hpp).

#include "commands/paging.hpp"

#include "commands/incident_effects.hpp"
#include "commands/render.hpp"
#include "commands/text.hpp"
#include "commands/tokenizer.hpp"
#include "core/mention.hpp"

#include <algorithm>
#include <charconv>

namespace siren::commands {

namespace {

std::string upper_first(std::string text) {
    if (!text.empty() && text.front() >= 'a' && text.front() <= 'z')
        text.front() = static_cast<char>(text.front() - 'a' + 'A');
    return text;
}

// The plain words of a command's arguments, or the reason they cannot be read.
outcome<std::vector<std::string>> words_of(std::string_view args) {
    auto words = tokenize(args);
    if (!words)
        return outcome<std::vector<std::string>>(boost::system::in_place_error, words.error());
    std::vector<std::string> texts;
    for (auto& w : *words)
        texts.push_back(std::move(w.text));
    return texts;
}

// The steps of a policy (paging.hpp): level n mod L, round n div L.
struct steps_of {
    const escalation_policy& policy;

    std::size_t count() const { return policy.levels.size() * (policy.repeat + 1); }
    const escalation_level& level(std::size_t step) const {
        return policy.levels[step % policy.levels.size()];
    }
    std::size_t round(std::size_t step) const { return step / policy.levels.size(); }
    // "level 2 of 3 of policy `default`, round 2"
    std::string name(std::size_t step) const {
        std::string text = "level " + std::to_string(step % policy.levels.size() + 1) + " of " +
                           std::to_string(policy.levels.size()) + " of the escalation policy `" +
                           policy.name + "`";
        if (round(step) > 0)
            text += " (round " + std::to_string(round(step) + 1) + ")";
        return text;
    }
};

// The page of a target in a round: a repeated round pages again under a key of its own, which
// the provider takes as a new page rather than a repeat of the first.
std::string step_key(incident_id id, std::string_view target, std::size_t round) {
    std::string key = page_dedup_key(id, target);
    return round == 0 ? key : key + "-r" + std::to_string(round + 1);
}

std::optional<user_id> holder_of(std::string_view target, const context& ctx) {
    if (!target.empty() && target.front() == '@')
        return ctx.people.user_of(target.substr(1));
    return ctx.people.on_call(target, ctx.now);
}

std::optional<std::size_t> parse_step(std::string_view text) {
    std::size_t step = 0;
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), step);
    if (error != std::errc() || end != text.data() + text.size())
        return std::nullopt;
    return step;
}

// Who was paged, as the channel is told it.
struct paged_list {
    std::vector<std::string> paged;
    std::vector<std::string> not_again; // engaged already: the IC, or an open page of theirs
    std::vector<std::string> nobody;
    std::vector<user_id> newly_paged; // invited to the channel, where the work is

    std::string told() const {
        std::string text;
        for (const auto& p : paged)
            text.append(text.empty() ? "paged " : ", ").append(p);
        for (std::size_t k = 0; k < not_again.size(); ++k)
            text.append(k > 0          ? ", "
                        : text.empty() ? "not paged again: "
                                       : "; not paged again: ")
                .append(not_again[k]);
        for (const auto& target : nobody)
            text.append(text.empty() ? "" : "; ").append("nobody is on call for " + target);
        return text.empty() ? "nobody to page" : text;
    }
};

void page_target(decision& out, const incident& i, std::string_view target, std::string key,
                 const context& ctx, const user_id& actor, paged_list& list) {
    std::string name(target);
    auto who = holder_of(target, ctx);
    if (!who) {
        list.nobody.push_back(name);
        out.timeline.push_back(
            {i.id, ctx.now, actor, entry_kind::page, "nobody on call for " + name + ": not paged"});
        return;
    }
    if (*who == owner(i)) { // engaged already: a page would only wake them twice
        list.not_again.push_back(mention(*who) + " (" + name + ", the incident commander)");
        return;
    }
    if (auto earlier = ctx.incidents.find_page(key); earlier && !earlier->resolved_at) {
        list.not_again.push_back(mention(earlier->user) + " (" + name + ", paged before)");
        return;
    }
    out.effects.push_back(page_user{*who, name, render::page_summary(i), i.level, key});
    out.timeline.push_back(
        {i.id, ctx.now, actor, entry_kind::page, page_entry_text(*who, name, key)});
    list.paged.push_back(mention(*who) + " (" + name + ")");
    list.newly_paged.push_back(*who);
}

// Tells the channel what was paged and brings the people paged into it.
void tell_paged(decision& out, const incident& i, std::string text, const paged_list& list) {
    out.effects.push_back(post_in_channel(i, std::move(text)));
    if (!list.newly_paged.empty())
        out.effects.push_back(invite_users{i.channel_name, list.newly_paged});
}

// The step an `escalated` timeline entry names ("escalated to level 2 of 3 … (round 2)").
std::optional<std::size_t> step_of_entry(std::string_view text, const steps_of& steps) {
    constexpr std::string_view level_marker = "escalated to level ";
    constexpr std::string_view round_marker = "(round ";
    if (text.rfind(level_marker, 0) != 0)
        return std::nullopt;
    text.remove_prefix(level_marker.size());
    auto level = parse_step(text.substr(0, text.find(' ')));
    if (!level || *level == 0)
        return std::nullopt;
    std::size_t round = 1;
    if (auto at = text.find(round_marker); at != std::string_view::npos) {
        auto rest = text.substr(at + round_marker.size());
        round = parse_step(rest.substr(0, rest.find(')'))).value_or(1);
    }
    return (round - 1) * steps.policy.levels.size() + *level - 1;
}

// The step an incident's escalation has reached: the latest one its timeline records; the
// declaration's pages are step 0.
std::size_t current_step(const incident& i, const steps_of& steps, const context& ctx) {
    std::size_t current = 0;
    for (const timeline_entry& e : ctx.incidents.timeline(i.id))
        if (e.kind == entry_kind::escalated)
            if (auto step = step_of_entry(e.text, steps))
                current = std::max(current, *step);
    return current;
}

timer escalation_at(incident_id id, std::size_t step, time_point due) {
    return {.kind = std::string(escalation_timer),
            .incident = id,
            .due_at = due,
            .payload = std::to_string(step)};
}

// Pages the targets of `step`, marks the pages before it escalated and sets the timer for the
// step after it.
void escalate_to(decision& out, const incident& i, const steps_of& steps, std::size_t step,
                 const context& ctx, const user_id& actor, std::string_view why) {
    for (const page_record& p : ctx.incidents.pages(i.id))
        if (p.status == page_status::triggered)
            out.page_changes.push_back({.dedup_key = p.dedup_key, .to = page_status::escalated});
    out.timers_stopped.push_back({std::string(escalation_timer), i.id});
    paged_list list;
    const escalation_level& level = steps.level(step);
    for (const auto& target : level.targets)
        page_target(out, i, target, step_key(i.id, target, steps.round(step)), ctx, actor, list);
    out.timers_started.push_back(escalation_at(i.id, step + 1, ctx.now + level.ack_timeout));
    std::string text = "escalated to " + steps.name(step) + ": " + list.told();
    out.timeline.push_back({i.id, ctx.now, actor, entry_kind::escalated, text});
    tell_paged(out, i, ":arrow_double_up: " + std::string(why) + upper_first(text) + ".", list);
}

decision escalation_exhausted(const incident& i, const steps_of& steps, const context& ctx) {
    decision out;
    std::string text = "Nobody acknowledged a page for " + incident_ref(i) +
                       " through every level of the escalation policy `" + steps.policy.name +
                       "`. Page someone by hand: `/119 escalate <rotation or @person>`.";
    out.timeline.push_back(
        {i.id, ctx.now, "", entry_kind::escalated,
         "escalation policy `" + steps.policy.name + "` exhausted: nobody acknowledged"});
    out.effects.push_back(post_in_channel(i, ":sos: " + text));
    out.effects.push_back(notify_user{owner(i), ":sos: " + text});
    return out;
}

bool anyone_acknowledged(const incident& i, const context& ctx) {
    auto pages = ctx.incidents.pages(i.id);
    return std::any_of(pages.begin(), pages.end(),
                       [](const page_record& p) { return p.acknowledged_at.has_value(); });
}

bool is_investigating(const incident& i) {
    return i.current == stage::declared || i.current == stage::investigating;
}

decision on_escalation_timer(const timer& due, const incident& i, const context& ctx) {
    const escalation_policy* policy = escalation_of(i, ctx.config);
    auto step = parse_step(due.payload);
    if (!policy || !step || anyone_acknowledged(i, ctx))
        return {};
    steps_of steps{*policy};
    if (*step >= steps.count())
        return escalation_exhausted(i, steps, ctx);
    std::string why =
        "Nobody acknowledged within " + format_duration(steps.level(*step - 1).ack_timeout) + ". ";
    decision out;
    escalate_to(out, i, steps, *step, ctx, "", why);
    return out;
}

decision on_investigating_timer(const incident& i, const context& ctx) {
    const escalation_policy* policy = escalation_of(i, ctx.config);
    if (!policy || !is_investigating(i))
        return {};
    decision out;
    paged_list list;
    const std::string& target = policy->investigating_target;
    page_target(out, i, target, page_dedup_key(i.id, target), ctx, "", list);
    std::string text = "still " + std::string(to_string(i.current)) + " " +
                       format_duration(policy->investigating_limit) +
                       " after the engineer on call engaged: " + list.told();
    out.timeline.push_back({i.id, ctx.now, "", entry_kind::escalated, text});
    tell_paged(out, i,
               ":hourglass: " + incident_ref(i) + " is " + text +
                   ". Consider `/119 update stage=identified` once the cause is known.",
               list);
    return out;
}

// The rotation part of a target: "eoc:secondary" → "eoc".
std::string_view rotation_of(std::string_view target) {
    return target.substr(0, target.find(':'));
}

// Records one acknowledgement: the page, the timeline, the channel, and what it stops or starts.
void acknowledge_into(decision& out, const page_record& page, const std::optional<incident>& i,
                      const user_id& by, bool tell_provider, const context& ctx) {
    out.page_changes.push_back(
        {.dedup_key = page.dedup_key, .to = page_status::acknowledged, .by = by});
    if (tell_provider)
        out.effects.push_back(acknowledge_page{page.dedup_key});
    if (!i)
        return;
    std::string who = ctx.people.knows(by) ? mention(by) : by;
    std::string text = who + " acknowledged the page for " + page.rotation + " after " +
                       format_duration(ctx.now - page.sent_at);
    out.timeline.push_back({i->id, ctx.now, by, entry_kind::acknowledged, text});
    out.effects.push_back(post_in_channel(*i, ":white_check_mark: " + text + "."));
    out.timers_stopped.push_back({std::string(escalation_timer), i->id});
    const escalation_policy* policy = escalation_of(*i, ctx.config);
    bool engaged_eoc = rotation_of(page.rotation) == "eoc";
    if (policy && policy->investigating_limit.count() > 0 && engaged_eoc && is_investigating(*i)) {
        out.timers_stopped.push_back({std::string(investigating_timer), i->id});
        out.timers_started.push_back({.kind = std::string(investigating_timer),
                                      .incident = i->id,
                                      .due_at = ctx.now + policy->investigating_limit});
    }
}

bool is_open_page(const page_record& p) {
    return !p.acknowledged_at && !p.resolved_at;
}

std::string page_state(const page_record& p, const context& ctx) {
    if (p.resolved_at)
        return "`" + p.dedup_key + "` is resolved already";
    std::string who =
        ctx.people.knows(p.acknowledged_by) ? mention(p.acknowledged_by) : p.acknowledged_by;
    return "`" + p.dedup_key + "` was acknowledged already by " + who;
}

// A page named in a command, and its incident when it has one.
struct named_page {
    page_record page;
    std::optional<incident> of;
};

outcome<named_page> page_named(std::string_view key, const context& ctx) {
    auto page = ctx.incidents.find_page(key);
    if (!page)
        return outcome<named_page>(boost::system::in_place_error,
                                   "No page " + code(key) +
                                       " is known. Its key is in the page itself and in "
                                       "`/119 history`.");
    std::optional<incident> of;
    if (page->incident != 0)
        of = ctx.incidents.find(page->incident);
    return named_page{*page, std::move(of)};
}

std::optional<incident> incident_here(const request& r) {
    return r.ctx.incidents.find_by_channel(r.input.channel);
}

constexpr std::string_view where_to_ack =
    "Run it in the incident's channel, or name the page: `/119 ack siren-12-eoc`.";

} // namespace

const escalation_policy* escalation_of(const incident& i, const settings& config) {
    if (i.near_miss)
        return nullptr;
    const escalation_policy* policy = config.find_escalation(config.policy(i.level).escalation);
    return policy && !policy->levels.empty() ? policy : nullptr;
}

std::optional<timer> first_escalation(const incident& i, const settings& config, time_point now) {
    const escalation_policy* policy = escalation_of(i, config);
    if (!policy)
        return std::nullopt;
    return escalation_at(i.id, 1, now + policy->levels.front().ack_timeout);
}

std::vector<timer_cancel> paging_timers(incident_id id) {
    return {{std::string(escalation_timer), id}, {std::string(investigating_timer), id}};
}

decision on_paging_timer(const timer& due, const context& ctx) {
    auto i = ctx.incidents.find(due.incident);
    if (!i || !is_open(*i))
        return {};
    if (due.kind == escalation_timer)
        return on_escalation_timer(due, *i, ctx);
    if (due.kind == investigating_timer)
        return on_investigating_timer(*i, ctx);
    return {};
}

decision on_provider_acknowledgement(std::string_view dedup_key, const user_id& by,
                                     std::string_view provider, const context& ctx) {
    auto named = page_named(dedup_key, ctx);
    if (!named || !is_open_page(named->page))
        return {};
    decision out;
    acknowledge_into(out, named->page, named->of, by.empty() ? std::string(provider) : by,
                     /*tell_provider=*/false, ctx);
    return out;
}

decision ack_command(const request& r) {
    const context& ctx = r.ctx;
    const user_id& me = r.input.user;
    auto words = words_of(r.args);
    if (!words)
        return usage_error(r, words.error());
    const auto& args = *words;
    if (args.size() > 1)
        return usage_error(r, "Name at most one page.");
    decision out;
    std::vector<std::string> refusals;
    if (!args.empty()) {
        auto named = page_named(args.front(), ctx);
        if (!named)
            return usage_error(r, named.error());
        bool may = named->page.user == me || (named->of && holds_a_role(*named->of, me));
        if (!may)
            return reply_only("Only the person paged or someone with a role in the incident can "
                              "acknowledge " +
                              code(named->page.dedup_key) + ".");
        if (!is_open_page(named->page))
            return reply_only(upper_first(page_state(named->page, ctx)) + ".");
        acknowledge_into(out, named->page, named->of, me, /*tell_provider=*/true, ctx);
        out.reply = "Acknowledged " + code(named->page.dedup_key) + ".";
        return out;
    }
    auto here = incident_here(r);
    if (!here)
        return usage_error(r, where_to_ack);
    for (const page_record& p : ctx.incidents.pages(here->id))
        if (p.user == me && is_open_page(p))
            acknowledge_into(out, p, here, me, /*tell_provider=*/true, ctx);
    if (out.page_changes.empty())
        return reply_only("You have no open page for " + incident_ref(*here) +
                          ". To acknowledge someone else's page, name it: `/119 ack <key>` "
                          "(keys are in `/119 history`).");
    out.reply = "Acknowledged " + std::to_string(out.page_changes.size()) +
                (out.page_changes.size() == 1 ? " page" : " pages") + " for " +
                incident_ref(*here) + ".";
    return out;
}

decision escalate_command(const request& r) {
    const context& ctx = r.ctx;
    auto words = words_of(r.args);
    if (!words)
        return usage_error(r, words.error());
    const auto& args = *words;
    if (args.size() > 1)
        return usage_error(r, "Name one level, target or page.");
    std::string wanted = args.empty() ? "" : args.front();
    std::optional<incident> i;
    if (wanted.rfind("siren-", 0) == 0) {
        auto named = page_named(wanted, ctx);
        if (!named)
            return usage_error(r, named.error());
        if (!named->of)
            return reply_only(code(wanted) + " is a report's page: declare an incident from the "
                                             "report to page more people.");
        bool may = named->page.user == r.input.user || holds_a_role(*named->of, r.input.user);
        if (!may)
            return reply_only("Only the person paged or someone with a role in " +
                              incident_ref(*named->of) + " can escalate from a page.");
        i = named->of;
        wanted.clear();
    } else {
        i = incident_here(r);
    }
    if (!i)
        return usage_error(r, "Run it in the incident's channel, or name the page: "
                              "`/119 escalate siren-12-eoc`.");
    if (!is_open(*i))
        return reply_only(incident_ref(*i) + " is " + std::string(to_string(i->current)) +
                          ": there is nobody to escalate to.");
    const escalation_policy* policy = escalation_of(*i, ctx.config);
    std::string why = "Escalated by " + mention(r.input.user) + ". ";
    decision out;
    if (!policy && wanted.empty())
        return usage_error(r, std::string(to_string(i->level)) +
                                  " has no escalation policy: name whom to page, e.g. "
                                  "`/119 escalate imoc` or `/119 escalate @dana`.");
    if (policy) {
        steps_of steps{*policy};
        std::size_t current = current_step(*i, steps, ctx);
        std::optional<std::size_t> step;
        std::size_t round_start = steps.round(current) * policy->levels.size();
        if (wanted.empty()) {
            step = current + 1;
        } else if (auto level = parse_step(wanted)) {
            if (*level == 0 || *level > policy->levels.size())
                return usage_error(r, "The policy `" + policy->name + "` has levels 1 to " +
                                          std::to_string(policy->levels.size()) + ".");
            step = round_start + *level - 1;
        } else {
            for (std::size_t k = 0; k < policy->levels.size() && !step; ++k) {
                const auto& targets = policy->levels[k].targets;
                if (std::find(targets.begin(), targets.end(), wanted) != targets.end())
                    step = round_start + k;
            }
        }
        if (step && *step >= steps.count())
            return reply_only("Every level of the escalation policy `" + policy->name +
                              "` has been paged. Name whom to page: `/119 escalate imoc` or "
                              "`/119 escalate @dana`.");
        if (step) {
            escalate_to(out, *i, steps, *step, ctx, r.input.user, why);
            out.reply = "Escalated " + incident_ref(*i) + " to " + steps.name(*step) + ".";
            return out;
        }
    }
    // A target outside the policy: paged now, the policy's own schedule unchanged.
    bool is_person = wanted.front() == '@';
    std::string_view rotation = rotation_of(wanted);
    if (!is_person && !ctx.config.find_rotation(rotation))
        return usage_error(
            r, code(wanted) +
                   " is neither a level, a rotation nor a person. Rotations: " + one_of([&] {
                       std::vector<std::string_view> names;
                       for (const auto& rot : ctx.config.rotations)
                           names.push_back(rot.name);
                       return names;
                   }()) +
                   ".");
    paged_list list;
    page_target(out, *i, wanted, page_dedup_key(i->id, wanted), ctx, r.input.user, list);
    std::string text = "escalated to " + wanted + ": " + list.told();
    out.timeline.push_back({i->id, ctx.now, r.input.user, entry_kind::escalated, text});
    tell_paged(out, *i, ":arrow_double_up: " + why + upper_first(text) + ".", list);
    out.reply = "Escalated " + incident_ref(*i) + ": " + list.told() + ".";
    return out;
}

} // namespace siren::commands
