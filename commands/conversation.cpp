#include "commands/conversation.hpp"

#include "commands/incident_effects.hpp"
#include "commands/text.hpp"
#include "core/mention.hpp"

#include <algorithm>
#include <charconv>

namespace siren::commands {

namespace {

// A copied message is one line of the history; the permalink leads to all of it.
constexpr std::size_t max_copied_characters = 500;

// "1610241741.000200" → 2021-01-10 01:22:21 UTC; nullopt for anything else.
std::optional<time_point> time_of(std::string_view ts) {
    std::string_view whole = ts.substr(0, ts.find('.'));
    long long secs = 0;
    auto [end, ec] = std::from_chars(whole.data(), whole.data() + whole.size(), secs);
    if (ec != std::errc() || end != whole.data() + whole.size() || whole.empty() || secs <= 0)
        return std::nullopt;
    return time_point(seconds(secs));
}

std::string entry_text(const posted_message& m) {
    std::string said =
        shorten(collapse_whitespace(neutralize_mentions(m.text)), max_copied_characters);
    std::string text = said.empty() ? "posted a message without text" : "said: " + said;
    if (!m.permalink.empty())
        text += " — " + m.permalink;
    if (!m.added_by.empty() && m.added_by != m.author)
        text += " · added by " + mention(m.added_by);
    return text;
}

std::string whose(const posted_message& m) {
    if (m.author.empty())
        return "a message";
    if (m.author == m.added_by)
        return "their message";
    return mention(m.author) + "'s message";
}

} // namespace

std::string message_source(std::string_view channel, std::string_view ts) {
    return std::string(channel) + "/" + std::string(ts);
}

bool is_timeline_reaction(std::string_view reaction, std::string_view channel, const context& ctx) {
    const std::string& wanted = ctx.config.slack.timeline_reaction;
    // Skin tones arrive as "pushpin::skin-tone-2".
    std::string_view name = reaction.substr(0, reaction.find("::"));
    return !wanted.empty() && name == wanted && !channel.empty() &&
           ctx.incidents.find_by_channel(channel).has_value();
}

decision add_message_to_timeline(const posted_message& m, const context& ctx) {
    auto here = m.channel.empty() ? std::nullopt : ctx.incidents.find_by_channel(m.channel);
    if (!here)
        return reply_only("*Add to incident timeline* works only in an incident's channel: use "
                          "it on a message there.");
    std::string source = message_source(m.channel, m.ts);
    auto entries = ctx.incidents.timeline(here->id);
    if (std::any_of(entries.begin(), entries.end(),
                    [&](const timeline_entry& e) { return e.source == source; }))
        return reply_only("That message is already in the timeline of " + incident_ref(*here) +
                          ".");
    decision out;
    out.timeline.push_back({.incident = here->id,
                            .at = time_of(m.ts).value_or(ctx.now),
                            .actor = m.author,
                            .kind = entry_kind::message,
                            .text = entry_text(m),
                            .source = std::move(source)});
    std::string by = m.added_by.empty() ? "Someone" : mention(m.added_by);
    out.effects.push_back(post_in_channel(
        *here, by + " added " + whose(m) + " to the timeline of " + incident_ref(*here) + "."));
    return out;
}

} // namespace siren::commands
