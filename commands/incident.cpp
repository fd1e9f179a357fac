// /incident: declare an incident, report a problem, list open incidents.

#include "commands/declare.hpp"
#include "commands/families.hpp"
#include "commands/incident_effects.hpp"
#include "commands/paging.hpp"
#include "commands/reminders.hpp"
#include "commands/render.hpp"
#include "commands/status_mirror.hpp"
#include "commands/text.hpp"
#include "commands/tokenizer.hpp"
#include "commands/tracker_effects.hpp"
#include "commands/values.hpp"
#include "core/channel_name.hpp"
#include "core/mention.hpp"

#include <algorithm>
#include <set>

namespace siren::commands {

namespace {

const std::vector<option_spec>& declare_options() {
    static const std::vector<option_spec> options = {
        {"service", true, "NAME"},   {"security"},    {"near-miss"},
        {"page", true, "imoc,cmoc"}, {"no-announce"}, {"force"},
        {"from-report", true, "N"},
    };
    return options;
}

form declare_form(const settings& config) {
    std::vector<std::string> services = {"none"};
    for (const auto& s : config.services)
        services.push_back(s.name);
    std::string announce_label = "Announce in #" + config.workspace.announce_channel;
    return form{
        "declare",
        "Declare an incident",
        "Declare",
        {
            {"title", "Title", field_kind::text, {}, "", true},
            {"severity", "Severity (S0 is the worst)", field_kind::choice, severity_choices(config),
             severity_choice(config.workspace.default_severity, config), true},
            {"service", "Service", field_kind::choice, services, "none", false},
            {"description", "What do you know so far?", field_kind::long_text, {}, "", false},
            {"page_imoc",
             "Page the incident manager on call (IMOC)",
             field_kind::checkbox,
             {},
             "false",
             false},
            {"page_cmoc",
             "Page the communications manager on call (CMOC)",
             field_kind::checkbox,
             {},
             "false",
             false},
            {"announce", announce_label, field_kind::checkbox, {}, "true", false},
            {"security",
             "Security incident (private channel)",
             field_kind::checkbox,
             {},
             "false",
             false},
        },
    };
}

void add_rotations(declaration& d, problems& found, std::string_view field, std::string_view list,
                   const settings& config) {
    auto rotations = rotations_named(list, config);
    if (!rotations)
        return found.add(field, rotations.error());
    for (auto& name : *rotations)
        if (std::find(d.page.begin(), d.page.end(), name) == d.page.end())
            d.page.push_back(std::move(name));
}

void check_service(declaration& d, problems& found, std::string_view typed,
                   const settings& config) {
    auto service = service_named(typed, config);
    if (service)
        d.service = (*service)->name;
    else
        found.add("service", service.error());
}

// The first word may be a severity; a word shaped like one that is not ("S9") stays in the
// title, and the confirmation says so.
void take_severity(declaration& d, std::vector<word>& words, const settings& config) {
    if (words.empty() || words.front().quoted)
        return;
    const std::string& first = words.front().text;
    if (auto level = config.find_severity(first)) {
        d.level = level;
        words.erase(words.begin());
        return;
    }
    bool shaped = first.size() == 2 &&
                  std::string_view("SsPp").find(first[0]) != std::string_view::npos &&
                  first[1] >= '0' && first[1] <= '9';
    if (shaped)
        d.note = code(first) + " is not a severity here, so it is part of the title.";
}

std::string join_words(const std::vector<word>& words) {
    std::string text;
    for (const auto& w : words)
        if (!w.text.empty())
            text.append(text.empty() ? "" : " ").append(w.text);
    return text;
}

void check_title(declaration& d, problems& found, std::string_view typed) {
    if (trim(typed).empty() && d.from_report)
        return; // the report's text becomes the title
    auto title = title_from(typed);
    if (title)
        d.title = std::move(*title);
    else
        found.add("title", title.error());
}

void check_combination(const declaration& d, problems& found) {
    if (d.near_miss && !d.page.empty())
        found.add("page", "A near miss pages nobody: leave out --page or --near-miss.");
}

outcome<declaration> from_typed(const request& r) {
    auto words = tokenize(r.args);
    if (!words)
        return refusal<declaration>(words.error());
    auto args = parse_options(std::move(*words), declare_options());
    if (!args)
        return refusal<declaration>(args.error());
    const settings& config = r.ctx.config;
    declaration d;
    problems found(nullptr);
    for (const auto& value : args->values("from-report")) {
        auto id = number_named(value, "a report number");
        if (id)
            d.from_report = *id;
        else
            found.add("from-report", id.error());
    }
    take_severity(d, args->words, config);
    check_title(d, found, join_words(args->words));
    for (const auto& value : args->values("service"))
        check_service(d, found, value, config);
    for (const auto& value : args->values("page"))
        add_rotations(d, found, "page", value, config);
    d.security = args->has("security");
    d.near_miss = args->has("near-miss");
    d.announce = !args->has("no-announce");
    d.force = args->has("force");
    check_combination(d, found);
    if (!found.empty())
        return refusal<declaration>(found.text("Nothing was declared:"));
    return d;
}

outcome<declaration> from_answers(const request& r) {
    const settings& config = r.ctx.config;
    const auto& answers = r.input.answers;
    auto answer = [&](std::string_view key) -> std::string_view {
        auto it = answers.find(std::string(key));
        return it == answers.end() ? std::string_view() : std::string_view(it->second);
    };
    form fields = declare_form(config);
    declaration d;
    problems found(&fields);
    check_title(d, found, answer("title"));
    if (auto typed = trim(answer("severity")); !typed.empty()) {
        auto level = severity_named(typed, config);
        if (level)
            d.level = *level;
        else
            found.add("severity", level.error());
    }
    if (auto typed = trim(answer("service")); !typed.empty() && typed != "none")
        check_service(d, found, typed, config);
    auto description = text_from(answer("description"), "The description");
    if (description)
        d.description = std::move(*description);
    else
        found.add("description", description.error());
    for (std::string_view rotation : {"imoc", "cmoc"})
        if (is_checked(answer("page_" + std::string(rotation))))
            add_rotations(d, found, "page_" + std::string(rotation), rotation, config);
    d.announce = answer("announce").empty() || is_checked(answer("announce"));
    d.security = is_checked(answer("security"));
    d.near_miss = is_checked(answer("near_miss"));
    d.force = is_checked(answer("force"));
    check_combination(d, found);
    if (!found.empty())
        return refusal<declaration>(found.text("Nothing was declared:"));
    return d;
}

std::set<std::string> title_words(std::string_view title) {
    std::set<std::string> words;
    std::string slug = slugify(title, max_title_characters * 4);
    for (std::size_t start = 0; start < slug.size();) {
        auto end = std::min(slug.find('-', start), slug.size());
        words.insert(slug.substr(start, end - start));
        start = end + 1;
    }
    return words;
}

// Titles that slugify alike, or share most of their words (Jaccard index ≥ 0.6).
bool similar_titles(std::string_view a, std::string_view b) {
    auto words_a = title_words(a);
    auto words_b = title_words(b);
    if (words_a.empty() || words_b.empty())
        return false;
    if (words_a == words_b)
        return true;
    std::size_t common = 0;
    for (const auto& w : words_a)
        common += words_b.count(w);
    std::size_t all = words_a.size() + words_b.size() - common;
    return common * 5 >= all * 3;
}

// A duplicate is declared while its original is fresh; comparing with the newest open incidents
// keeps a declare's cost flat however many incidents were left open.
constexpr std::size_t duplicate_candidates = 50;

std::optional<incident> open_duplicate(const declaration& d, const context& ctx) {
    for (const auto& open : ctx.incidents.newest_open_incidents(duplicate_candidates)) {
        bool same_service = !d.service.empty() && open.service == d.service &&
                            open.declared_at <= ctx.now &&
                            ctx.now - open.declared_at <= ctx.config.workspace.duplicate_window;
        if (same_service || similar_titles(open.title, d.title))
            return open;
    }
    return std::nullopt;
}

// The rotations a declaration pages: the severity's, those asked for, and for a security
// incident the security rotation; a near miss pages nobody.
std::vector<std::string> rotations_to_page(const declaration& d, const severity_policy& policy,
                                           const settings& config) {
    std::vector<std::string> rotations;
    if (d.near_miss)
        return rotations;
    auto add = [&](const std::string& name) {
        if (std::find(rotations.begin(), rotations.end(), name) == rotations.end())
            rotations.push_back(name);
    };
    for (const auto& name : policy.page)
        add(name);
    for (const auto& name : d.page)
        add(name);
    if (d.security && config.find_rotation("security"))
        add("security");
    return rotations;
}

} // namespace

decision declare_incident(declaration d, const user_id& declarer, const context& ctx) {
    std::optional<report> from;
    if (d.from_report) {
        from = ctx.incidents.find_report(*d.from_report);
        if (!from)
            return reply_only("There is no report #" + std::to_string(*d.from_report) + ".");
        if (from->incident) {
            std::string reply = "Report #" + std::to_string(from->id) +
                                " was already declared as #" + std::to_string(*from->incident);
            if (auto existing = ctx.incidents.find(*from->incident))
                reply += " in " + render::channel_of(*existing);
            return reply_only(reply + ".");
        }
        if (d.title.empty())
            d.title = shorten(collapse_whitespace(from->text), max_title_characters, false);
        auto title = title_from(d.title);
        if (!title)
            return reply_only(title.error());
        d.title = std::move(*title);
    }
    if (!d.force)
        if (auto existing = open_duplicate(d, ctx))
            return reply_only(render::duplicate_of(*existing));

    incident i;
    i.id = ctx.incidents.next_incident_id();
    i.title = d.title;
    i.level = d.level.value_or(ctx.config.workspace.default_severity);
    const severity_policy& policy = ctx.config.policy(i.level);
    i.status = policy.initial_status;
    i.service = d.service;
    i.security = d.security;
    i.near_miss = d.near_miss;
    i.channel_name = incident_channel_name(
        ctx.config.workspace.channel_prefix,
        format_date(ctx.now, ctx.config.workspace.channel_date_format,
                    ctx.config.workspace.time_zone),
        i.title, [&](std::string_view name) { return ctx.incidents.channel_name_taken(name); });
    const user_id& commander = d.commander.empty() ? declarer : d.commander;
    if (!commander.empty())
        i.roles[role::ic] = commander;
    i.declared_by = declarer;
    i.declared_at = i.updated_at = ctx.now;
    i.summary = d.description;

    decision out;
    auto record = [&](entry_kind kind, std::string text) {
        out.timeline.push_back({i.id, ctx.now, declarer, kind, std::move(text)});
    };
    record(entry_kind::declared, render::declared(i));
    if (from)
        record(entry_kind::report, "from report #" + std::to_string(from->id) + " by " +
                                       mention(from->reporter) + ": " + from->text);

    std::vector<user_id> invited;
    auto invite = [&](const user_id& user) {
        if (!user.empty() && std::find(invited.begin(), invited.end(), user) == invited.end())
            invited.push_back(user);
    };
    invite(commander);
    if (auto eoc = ctx.people.on_call("eoc", ctx.now))
        invite(*eoc);
    if (from)
        invite(from->reporter);

    std::vector<effect> pages;
    std::string paged;
    std::string warnings;
    for (const auto& rotation : rotations_to_page(d, policy, ctx.config)) {
        auto on_call = ctx.people.on_call(rotation, ctx.now);
        if (!on_call) {
            warnings += "\n" + render::nobody_on_call(rotation);
            record(entry_kind::page, "nobody on call for " + rotation + ": not paged");
            continue;
        }
        if (*on_call == declarer) {
            warnings +=
                "\nYou are on call for " + rotation + " yourself, so nobody was paged for it.";
            continue;
        }
        std::string key = page_dedup_key(i.id, rotation);
        pages.push_back(page_user{*on_call, rotation, render::page_summary(i), i.level, key});
        record(entry_kind::page, page_entry_text(*on_call, rotation, key));
        paged.append(paged.empty() ? "" : ", ").append(mention(*on_call) + " (" + rotation + ")");
        invite(*on_call);
    }

    out.effects.push_back(create_channel{i.channel_name, i.security});
    if (!invited.empty())
        out.effects.push_back(invite_users{i.channel_name, invited});
    out.effects.push_back(change_topic(i));
    out.effects.push_back(post_intro(i, ctx.config));
    for (auto& bookmark : bookmarks(i, ctx.config))
        out.effects.push_back(std::move(bookmark));
    if (auto duties = tell_duties(i, role::ic, commander, ctx.config))
        out.effects.push_back(std::move(*duties));
    if (d.announce && is_announced(i, ctx.config))
        out.effects.push_back(announce(
            ctx.config, render::announcement(i, "declared by " + render::person(declarer))));
    if (!pages.empty())
        if (auto escalation = first_escalation(i, ctx.config, ctx.now))
            out.timers_started.push_back(std::move(*escalation));
    for (auto& reminder : first_reminders(i, ctx.config, ctx.now))
        out.timers_started.push_back(std::move(reminder));
    for (auto& page : pages)
        out.effects.push_back(std::move(page));
    if (auto issue = open_incident_issue(i, ctx.config))
        out.effects.push_back(std::move(*issue));
    if (auto hosted = mirror_declared(i, ctx.config))
        out.effects.push_back(std::move(*hosted));
    if (from && !from->paged.empty())
        out.effects.push_back(
            resolve_page{report_dedup_key(from->id)}); // the incident's pages take over

    out.reply =
        "Declared *" + incident_ref(i) + "* (" + std::string(to_string(i.level)) + ") in " +
        render::channel_of(i) + ". " +
        (commander == declarer ? std::string("You are") : render::person(commander) + " is") +
        " the incident commander.";
    if (!paged.empty())
        out.reply += "\nPaged " + paged + ".";
    if (i.near_miss)
        out.reply += "\nNear miss: nobody was paged.";
    if (i.security)
        out.reply += "\nThe channel is private: invite only who must know.";
    out.reply += warnings;
    if (!d.note.empty())
        out.reply += "\n" + d.note;
    if (from) {
        from->incident = i.id;
        out.saved_report = std::move(*from);
    }
    out.saved = std::move(i);
    return out;
}

decision report_problem(std::string text, const user_id& reporter, std::string channel,
                        const context& ctx) {
    report made;
    made.id = ctx.incidents.next_report_id();
    made.reporter = reporter;
    made.text = std::move(text);
    made.channel_id = std::move(channel);
    made.reported_at = ctx.now;
    std::string ref = "#" + std::to_string(made.id);

    decision out;
    if (auto eoc = ctx.people.on_call("eoc", ctx.now)) {
        made.paged = *eoc;
        severity level = ctx.config.workspace.default_severity;
        out.effects.push_back(page_user{*eoc, "eoc", render::report_page_summary(made), level,
                                        report_dedup_key(made.id)});
        out.effects.push_back(notify_user{*eoc, render::report_notice(made, level)});
        out.reply = "Thanks. Report " + ref + " went to " + mention(*eoc) +
                    ", the engineer on call, who has been paged. Stay reachable here until they "
                    "get back to you.";
    } else {
        out.reply = "Report " + ref + " is saved, but " + render::nobody_on_call("eoc") +
                    "\nIf it is urgent, declare an incident yourself: `/incident declare "
                    "--from-report " +
                    std::to_string(made.id) + "`.";
    }
    out.saved_report = std::move(made);
    return out;
}

namespace {

decision declare(const request& r, declaration d) {
    return declare_incident(std::move(d), r.input.user, r.ctx);
}

decision declare_command(const request& r) {
    if (!r.input.answers.empty()) {
        auto d = from_answers(r);
        return d ? declare(r, std::move(*d)) : reply_only(d.error());
    }
    if (r.args.empty()) {
        decision out;
        out.form = declare_form(r.ctx.config);
        return out;
    }
    auto d = from_typed(r);
    return d ? declare(r, std::move(*d)) : usage_error(r, d.error());
}

decision report_command(const request& r) {
    auto text = text_from(r.args, "The report");
    if (!text)
        return usage_error(r, text.error());
    if (text->empty())
        return usage_error(r, "Say what you see, e.g. `/incident report checkout shows errors "
                              "for some users`.");
    return report_problem(std::move(*text), r.input.user, r.input.channel, r.ctx);
}

decision list_command(const request& r) {
    if (!r.args.empty())
        return usage_error(r, "`/incident list` takes no arguments.");
    return reply_only(render::incident_list(r.ctx.incidents.open_incidents(), r.ctx.now));
}

decision help_command(const request&) {
    return reply_only(help(incident_commands()) +
                      "\nInside an incident's channel, `/119 help` lists what you can do there.");
}

} // namespace

const command_table& incident_commands() {
    static const command_table table{
        "/incident",
        "Declare an incident, report a problem, list open incidents",
        {
            {"declare",
             "/incident declare [S0-S4] <title> [--service NAME] [--security] [--near-miss] "
             "[--page imoc,cmoc] [--no-announce] [--force] [--from-report N]",
             "Open an incident: a channel, you as incident commander, pages for its severity. "
             "Without arguments, a form.",
             declare_command},
            {"report", "/incident report <what you see>",
             "Tell the engineer on call about a problem; they decide whether it is an incident.",
             report_command},
            {"list", "/incident list", "The open incidents, newest first.", list_command},
            {"help", "/incident help", "This help.", help_command},
        },
        "declare",
    };
    return table;
}

} // namespace siren::commands
