#include "commands/render.hpp"

#include "commands/text.hpp"
#include "core/mention.hpp"

#include <algorithm>

namespace siren::commands::render {

namespace {

// "*#12 Checkout down*"
std::string name_of(const incident& i) {
    return "*" + incident_ref(i) + " " + i.title + "*";
}

std::string stage_text(const incident& i) {
    std::string text(to_string(i.current));
    if (!is_open(i) && i.resolved_at)
        text += " after " + format_duration(*i.resolved_at - i.declared_at);
    return text;
}

// One line per role. The intro shows who holds each role; the status answer also shows who
// holds an unfilled role's duties by the cascade.
std::string roles(const incident& i, bool with_cascade) {
    std::string text;
    for (role r : all_roles) {
        text.append("\n").append(to_string(r)).append(" (").append(long_name(r)).append("): ");
        if (is_filled(i, r))
            text += mention(duty_holder(i, r));
        else if (with_cascade && !duty_holder(i, r).empty())
            text += "Unassigned (duties with " + mention(duty_holder(i, r)) + ")";
        else
            text += "Unassigned";
    }
    return text;
}

std::string kind_marks(const incident& i) {
    std::string text;
    if (i.security)
        text += "\n*Security incident*: private channel. Keep the details here.";
    if (i.near_miss)
        text += "\n*Near miss*: nobody is paged; it gets a review like an incident.";
    return text;
}

} // namespace

std::string channel_of(const incident& i) {
    return channel_link(i.channel_name);
}

std::string person(const user_id& user) {
    return user.empty() ? "siren" : mention(user);
}

std::string intro(const incident& i, const settings& config) {
    std::string text = name_of(i);
    text += "\n*Severity:* " + std::string(to_string(i.level));
    if (const auto& description = config.policy(i.level).description; !description.empty())
        text += " (" + description + ")";
    if (!i.service.empty())
        text += " · *Service:* " + i.service;
    text += kind_marks(i);
    text += "\n*Stage:* " + stage_text(i);
    text += "\n*Status:* " + std::string(to_string(i.status));
    text += "\n*Roles:*" + roles(i, false);
    if (!i.summary.empty())
        text += "\n*Summary:* " + i.summary;
    if (!i.tracker_url.empty())
        text += "\n*Issue:* " + i.tracker_url;
    if (const auto& bridge = config.policy(i.level).bridge; !bridge.empty())
        text += "\n*Bridge:* " + bridge;
    if (const auto* service = config.find_service(i.service)) {
        if (!service->runbook.empty())
            text += "\n*Runbook:* " + service->runbook;
        if (!service->links.empty()) {
            text += "\n*Links:* ";
            bool first = true;
            for (const auto& [title, url] : service->links) {
                text.append(first ? "" : " · ").append("<" + url + "|" + title + ">");
                first = false;
            }
        }
    }
    text += "\nDeclared by " + person(i.declared_by) + " at " +
            format_local(i.declared_at, config.workspace.time_zone) + ".";
    text += "\nUpdate with `/119 update stage=identified status=degraded tl=@name`, see "
            "`/119 status` and `/119 history`, add to the timeline with `/119 note`, finish with "
            "`/119 resolve`.";
    return text;
}

std::string topic(const incident& i) {
    std::string text = std::string(to_string(i.level)) + " · " + std::string(to_string(i.current)) +
                       " · IC " + person(owner(i)) + " · " + i.title;
    return shorten(text, max_topic_characters);
}

std::string status(const incident& i, time_point now) {
    std::string text = name_of(i) + " · " + std::string(to_string(i.level)) + " · " + channel_of(i);
    text += kind_marks(i);
    text += "\n*Stage:* " + stage_text(i) + " · *Status:* " + std::string(to_string(i.status));
    text += roles(i, true);
    text += "\n";
    text += is_open(i) ? "Open for " + format_duration(now - i.declared_at)
                       : "Declared " + format_duration(now - i.declared_at) + " ago";
    text += " · last update " + format_duration(now - i.updated_at) + " ago";
    if (!i.summary.empty())
        text += "\n*Summary:* " + i.summary;
    return text;
}

std::string incident_list(const std::vector<incident>& open, time_point now) {
    if (open.empty())
        return "No open incidents.";
    // A list longer than a screen helps nobody at 3 a.m.; the newest matter most.
    constexpr std::size_t shown = 30;
    std::string text = "*Open incidents (" + std::to_string(open.size()) + ")*";
    for (std::size_t k = 0; k < open.size() && k < shown; ++k) {
        const incident& i = open[k];
        text += "\n• " + incident_ref(i) + " · " + std::string(to_string(i.level)) + " · " +
                std::string(to_string(i.current)) + " · " + format_duration(now - i.declared_at) +
                " · IC " + person(owner(i)) + " · " + channel_of(i) + " — " + i.title;
    }
    if (open.size() > shown)
        text += "\n…and " + std::to_string(open.size() - shown) + " older ones.";
    return text;
}

std::string history_page(const incident& i, const std::vector<timeline_entry>& entries,
                         std::size_t page, std::size_t page_count, std::size_t per_page,
                         std::string_view zone) {
    std::string text = "*History of " + incident_ref(i) + "*";
    if (page_count > 1) {
        text += " · page " + std::to_string(page) + " of " + std::to_string(page_count);
        if (page < page_count)
            text += " — `/119 history " + std::to_string(page + 1) + "` for more";
    }
    std::size_t first = (page - 1) * per_page;
    std::size_t last = std::min(entries.size(), first + per_page);
    for (std::size_t k = first; k < last; ++k) {
        const timeline_entry& e = entries[k];
        text += "\n" + format_local(e.at, zone) + " · " + person(e.actor) + " · " + e.text;
    }
    if (entries.empty())
        text += "\nNothing yet.";
    return text;
}

std::string change(std::string_view what, std::string_view before, std::string_view after) {
    std::string text(what);
    if (!before.empty())
        text.append(" ").append(before).append(" →");
    return text.append(" ").append(after);
}

std::string declared(const incident& i) {
    std::string text = "declared " + std::string(to_string(i.level));
    if (i.security)
        text += " security incident";
    if (i.near_miss)
        text += " near miss";
    return text + ": " + i.title;
}

std::string update_post(const user_id& actor, const incident& i,
                        const std::vector<std::string>& changes) {
    std::string text = person(actor) + " updated " + incident_ref(i) + ":";
    for (std::size_t k = 0; k < changes.size(); ++k)
        text.append(k == 0 ? " " : " · ").append(changes[k]);
    return text;
}

std::string announcement(const incident& i, std::string_view what) {
    return name_of(i) + " (" + std::string(to_string(i.level)) + "): " + std::string(what) +
           ". Follow in " + channel_of(i) + ".";
}

std::string duties(const incident& i, role r, std::string_view duties) {
    return "You are now the " + std::string(long_name(r)) + " (" + std::string(to_string(r)) +
           ") of " + name_of(i) + " in " + channel_of(i) + ".\n*Your duties:* " +
           std::string(duties);
}

std::string page_summary(const incident& i) {
    std::string what = i.security ? "security incident" : i.title;
    return incident_ref(i) + " " + std::string(to_string(i.level)) + " " + what + " — join #" +
           i.channel_name;
}

std::string report_page_summary(const report& r) {
    return "Report #" + std::to_string(r.id) + " from " +
           (r.reporter.empty() ? std::string("siren") : r.reporter) + ": " +
           shorten(collapse_whitespace(r.text), 200);
}

std::string report_notice(const report& r, severity suggested) {
    return (r.reporter.empty() ? std::string("siren") : mention(r.reporter)) + " reported (#" +
           std::to_string(r.id) + "): " + r.text +
           "\nIf it is an incident: `/incident declare --from-report " + std::to_string(r.id) +
           " " + std::string(to_string(suggested)) + "`";
}

std::string nobody_on_call(std::string_view rotation) {
    return "*Nobody is on call for " + std::string(rotation) + ": page someone by hand.*";
}

std::string only_the_commander(const incident& i, std::string_view action) {
    return "Only the incident commander " + person(owner(i)) + " can " + std::string(action) + " " +
           incident_ref(i) + ". Ask them, or ask them to hand over with `/119 handover`.";
}

std::string duplicate_of(const incident& existing) {
    return incident_ref(existing) + " looks like the same incident: " + name_of(existing) + " in " +
           channel_of(existing) + ", IC " + person(owner(existing)) +
           ". Join it with /join, or add --force to declare a new one.";
}

} // namespace siren::commands::render
