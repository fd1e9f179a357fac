#pragma once
// The conversation of an incident's channel as material for its timeline: a message someone
// marks (with the configured reaction, or Slack's "Add to incident timeline" shortcut) is copied
// into the timeline once. The transport fetches the message and its permalink; what happens
// with it is decided here.

#include "commands/command.hpp"

#include <string>
#include <string_view>

namespace siren::commands {

// A message of a channel, as the platform gave it.
struct posted_message {
    std::string channel;   // the platform's channel id
    std::string ts;        // the platform's message id, "<unix seconds>.<6 digits>"
    user_id author;        // empty when the platform names nobody (an integration's post)
    std::string text;      // as written, with the platform's markup
    std::string permalink; // empty when it could not be had
    user_id added_by;      // who reacted or used the shortcut
};

// Whether a reaction asks for its message in the timeline: it is slack.timeline_reaction
// (skin tones aside; never when that setting is empty) and the channel is an incident's.
// Decided before the message is fetched, so that every other reaction costs nothing.
bool is_timeline_reaction(std::string_view reaction, std::string_view channel, const context& ctx);

// The message copied into the timeline of the incident whose channel it was posted in: a
// `message` entry by its author, at the time it was posted, with its text and permalink, and a
// short confirmation in the channel. The reply is empty then. A message already copied, or one
// outside every incident's channel, changes nothing and gets a reply saying so (for a shortcut;
// a reaction is not answered).
decision add_message_to_timeline(const posted_message& m, const context& ctx);

// "<channel>/<ts>": the source of the timeline entry that copies a message.
std::string message_source(std::string_view channel, std::string_view ts);

} // namespace siren::commands
