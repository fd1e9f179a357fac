// Other systems' webhooks: a report or a declared incident (intake.hpp).

#include "commands/intake.hpp"

#include "commands/declare.hpp"
#include "commands/text.hpp"
#include "commands/values.hpp"
#include "core/mention.hpp"

namespace siren::commands {

namespace {

// Text from another system as siren repeats it: no control characters but line breaks, no
// @channel, at most `limit` characters.
std::string cleaned(std::string_view text, std::size_t limit) {
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        auto byte = static_cast<unsigned char>(c);
        out += (byte < 0x20 && c != '\n') || byte == 0x7f ? ' ' : c;
    }
    return shorten(neutralize_mentions(out), limit);
}

// Where the item lives, when it is an http(s) address Slack can show as a link.
outcome<std::string> link_of(std::string_view link) {
    if (link.empty())
        return accepted(std::string());
    bool web = link.starts_with("https://") || link.starts_with("http://");
    bool plain = link.size() <= 1000 && link.find_first_of("<>| \t\r\n") == std::string_view::npos;
    if (!web || !plain)
        return refusal<std::string>("the link is not an http(s) address of at most 1000 "
                                    "characters without spaces, <, > or |");
    return accepted(std::string(link));
}

std::string rotation_for(const intake_source& source, const settings& config) {
    if (source.security && config.find_rotation("security"))
        return "security";
    if (const service_settings* s = config.find_service(source.service))
        if (!s->rotation.empty())
            return s->rotation;
    return "eoc";
}

decision declare_from(const intake_item& item, const intake_source& source, severity level,
                      const std::string& link, const context& ctx) {
    declaration d;
    d.level = level;
    auto title = title_from(collapse_whitespace(cleaned(item.title, max_title_characters)));
    d.title = title ? *title : "Report from " + source.name;
    d.service = source.service;
    std::string description = cleaned(item.description, max_text_characters - 1100);
    if (!link.empty())
        description += (description.empty() ? "" : "\n") + link;
    d.description = description;
    std::string rotation = rotation_for(source, ctx.config);
    d.page = {rotation};
    d.security = source.security;
    d.force = true; // a repeat is recognised by its dedup key, not by its title
    d.commander = ctx.people.on_call(rotation, ctx.now)
                      .value_or(ctx.people.on_call("eoc", ctx.now).value_or(""));
    decision out = declare_incident(std::move(d), /*declarer=*/"", ctx);
    if (out.saved)
        out.reply = "declared " + incident_ref(*out.saved) + " (" +
                    std::string(to_string(out.saved->level)) + ") in #" + out.saved->channel_name;
    return out;
}

decision report_from(const intake_item& item, const intake_source& source, const std::string& link,
                     const context& ctx) {
    std::string text =
        "[" + source.name + "] " + collapse_whitespace(cleaned(item.title, max_title_characters));
    if (auto description = cleaned(item.description, max_text_characters - 1300);
        !trim(description).empty())
        text += "\n" + description;
    if (!link.empty())
        text += "\n" + link;
    decision out = report_problem(shorten(text, max_text_characters), "", "", ctx);
    if (out.saved_report)
        out.reply = "report #" + std::to_string(out.saved_report->id) + ": " +
                    (out.saved_report->paged.empty()
                         ? "nobody is on call for eoc to page"
                         : "paged " + mention(out.saved_report->paged) + " (eoc)");
    return out;
}

} // namespace

decision on_intake(const intake_item& item, const intake_source& source, const context& ctx) {
    severity level = source.level.value_or(ctx.config.workspace.default_severity);
    if (!trim(item.severity).empty()) {
        auto named = severity_named(trim(item.severity), ctx.config);
        if (!named)
            return reply_only("the severity `" + cleaned(item.severity, 20) +
                              "` is not one of siren's severities (S0 to S4 or an alias)");
        level = *named;
    }
    auto link = link_of(item.link);
    if (!link)
        return reply_only(link.error());
    if (trim(item.title).empty())
        return reply_only("the title is empty");
    return source.action == intake_action::declare ? declare_from(item, source, level, *link, ctx)
                                                   : report_from(item, source, *link, ctx);
}

} // namespace siren::commands
