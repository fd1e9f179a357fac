#include "commands/review_markdown.hpp"

#include "commands/review.hpp"

namespace siren::commands {

namespace {

// A person by their handle when the configuration knows them ("@alice"), else by the id.
std::string handle_of(std::string_view user, const settings& config) {
    if (user.empty())
        return "siren";
    const person* p = config.find_person(user);
    return "@" + (p ? p->handle : std::string(user));
}

// Slack's references (<@U123>, <@U123|alice>, <#C123|general>) as a reader of the file sees
// them, on one line, with the table's cell separator escaped.
std::string plain(std::string_view text, const settings& config) {
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (c == '<' && i + 2 < text.size() && (text[i + 1] == '@' || text[i + 1] == '#')) {
            auto end = text.find('>', i);
            if (end != std::string_view::npos) {
                auto inside = text.substr(i + 2, end - i - 2);
                auto bar = inside.find('|');
                auto id = inside.substr(0, bar);
                if (text[i + 1] == '@')
                    out += handle_of(id, config);
                else
                    out += "#" +
                           std::string(bar == std::string_view::npos ? id : inside.substr(bar + 1));
                i = end;
                continue;
            }
        }
        if (c == '\n' || c == '\r')
            out += ' ';
        else if (c == '|')
            out += "\\|";
        else
            out += c;
    }
    return out;
}

std::string to_fill(std::string_view what = {}) {
    return what.empty() ? "_To fill._" : "_To fill: " + std::string(what) + "_";
}

std::string facts(const incident& i, const std::optional<review>& r, const settings& config) {
    const std::string& zone = config.workspace.time_zone;
    std::string text;
    if (i.near_miss) {
        severity would_be = r && r->near_miss_level ? *r->near_miss_level : i.level;
        text += "> **Near miss**: caught before it hurt; it would have been " +
                std::string(to_string(would_be)) + ".\n\n";
    }
    text += "- **Severity:** " + std::string(to_string(i.level));
    if (const auto& description = config.policy(i.level).description; !description.empty())
        text += " (" + description + ")";
    text += "\n- **Service:** " + (i.service.empty() ? std::string("none named") : i.service);
    text += "\n- **Stage:** " + std::string(to_string(i.current));
    text += "\n- **Incident commander:** " + handle_of(owner(i), config);
    text += "\n- **Review owner:** " + handle_of(review_owner(r, i), config);
    text += "\n- **Declared:** " + format_local(i.declared_at, zone) + " by " +
            handle_of(i.declared_by, config);
    if (i.resolved_at) {
        text += "\n- **Resolved:** " + format_local(*i.resolved_at, zone);
        text += "\n- **Duration:** " + format_duration(*i.resolved_at - i.declared_at);
    } else {
        text += "\n- **Resolved:** not yet";
    }
    if (r && r->opened_at) {
        text += "\n- **Provisional review due:** " + format_local(r->provisional_due, zone);
        text += "\n- **Full review due:** " + format_local(r->full_due, zone);
    }
    text += "\n- **Review status:** ";
    if (r && r->written_at)
        text += "written by " + handle_of(r->written_by, config) + ", " +
                format_local(*r->written_at, zone);
    else
        text += "draft";
    return text + "\n";
}

std::string impact(const incident& i) {
    std::string text = "\n## Impact\n\n";
    text += "- **Who was affected:** " + to_fill("customers, regions, internal teams; how many.") +
            "\n";
    text += "- **What they saw:** " + to_fill("errors, slowness, wrong data.") +
            " Public status at the end: " + std::string(to_string(i.status)) + ".\n";
    text += "- **How long:** " +
            (i.resolved_at ? format_duration(*i.resolved_at - i.declared_at) +
                                 " from declaration to resolution"
                           : std::string("still open")) +
            "; " + to_fill("when it began, if before the declaration.") + "\n";
    text += "- **How it was detected:** " + to_fill("an alert, a customer, a colleague.") + "\n";
    return text;
}

std::string timeline(const std::vector<timeline_entry>& entries, const settings& config) {
    std::string text = "\n## Timeline\n\n";
    if (entries.empty())
        return text + "No entries.\n";
    text += "| time | who | what |\n|---|---|---|\n";
    for (const auto& e : entries) {
        // Most texts name their kind already ("stage identified → monitoring"); a note does not.
        std::string_view kind = to_string(e.kind);
        std::string what = e.text.starts_with(kind) ? "" : std::string(kind) + ": ";
        text += "| " + format_local(e.at, config.workspace.time_zone) + " | " +
                handle_of(e.actor, config) + " | " + what + plain(e.text, config) + " |\n";
    }
    return text;
}

std::string findings() {
    return "\n## Findings and root cause\n\n" +
           to_fill("what happened and why, found by asking why until the answer is a thing "
                   "to change rather than a person.") +
           "\n\n- **Root cause:** " + to_fill() + "\n- **What went well:** " + to_fill() +
           "\n- **What went badly:** " + to_fill() + "\n- **Where we got lucky:** " + to_fill() +
           "\n";
}

std::string corrective_actions(const std::vector<follow_up_action>& actions,
                               const settings& config) {
    std::string text = "\n## Corrective actions\n\n";
    if (actions.empty())
        return text + "None yet: add them with `/119 action add <text> [@owner] [ticket=ID]`.\n";
    text += "| # | action | owner | ticket | status |\n|---|---|---|---|---|\n";
    for (const auto& a : actions)
        text += "| " + std::to_string(a.number) + " | " + plain(a.text, config) + " | " +
                (a.owner.empty() ? "—" : handle_of(a.owner, config)) + " | " +
                (a.ticket.empty() ? "—" : plain(a.ticket, config)) + " | " +
                (a.done ? "done" : "open") + " |\n";
    return text;
}

} // namespace

std::string review_filename(incident_id id) {
    return "review-" + std::to_string(id) + ".md";
}

std::string review_markdown(const incident& i, const incident_view& view, const settings& config) {
    auto r = view.find_review(i.id);
    std::string text = "# Review of " + incident_ref(i) + ": " + plain(i.title, config) +
                       (i.near_miss ? " (near miss)" : "") + "\n\n";
    text += facts(i, r, config);
    text += "\n## Summary\n\n" +
            (i.summary.empty() ? to_fill("what happened, in two or three sentences.")
                               : plain(i.summary, config)) +
            "\n";
    text += impact(i);
    text += timeline(view.timeline(i.id), config);
    text += findings();
    text += corrective_actions(view.actions(i.id), config);
    return text;
}

} // namespace siren::commands
