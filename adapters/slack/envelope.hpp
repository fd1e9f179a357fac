#pragma once
// Envelope payloads (protocols.md §1.2, §2.1, §4.4) in siren's terms, without I/O. The Socket Mode
// session acks the envelope first, then translates and dispatches it.

#include "adapters/slack/socket_mode.hpp"
#include "commands/command.hpp"

#include <map>
#include <string>
#include <string_view>
#include <variant>

namespace siren::slack {

struct slash_command {
    commands::command_input input; // command, text, user = user_id, channel = channel_id
    std::string trigger_id;        // opens a modal within 3 s, once
    std::string response_url;
    std::string team_id;
};

// A submitted modal built by modal_view() (blocks.hpp).
struct view_submission {
    std::string form_id;                        // the view's callback_id: the form's id
    std::map<std::string, std::string> answers; // by form_field::key; unanswered fields absent
    std::string user;
    std::string channel; // the private_metadata modal_view() was given
    std::string view_id;
};

// A button or menu in a message was used (the first action of the payload).
struct block_action {
    std::string action_id; // "page_ack", "page_escalate", ...
    std::string value;     // a button's value, a menu's selected option
    std::string user;
    std::string channel;
    std::string message_ts;
    std::string trigger_id;
};

// The callback_id of siren's message shortcut "Add to incident timeline"
// (deploy/slack-app-manifest.yaml).
inline constexpr std::string_view add_to_timeline_shortcut = "add_to_timeline";

// A message shortcut (the message's "⋯" menu) was used: Slack's `message_action`, which carries
// the message itself.
struct message_shortcut {
    std::string callback_id; // which shortcut: "add_to_timeline" (the app manifest names them)
    std::string user;        // who used it
    std::string channel;
    std::string message_ts;
    std::string message_user; // the message's author; empty for an integration's post
    std::string message_text;
    std::string trigger_id;
    std::string response_url;
};

// An Events API event. user, channel, item_ts and text are empty when the event has none.
struct event_callback {
    std::string event_id; // the same on every redelivery: deduplicate on it
    std::string type;     // "reaction_added", "message", "app_mention", ...
    std::string user;
    std::string channel;  // for reactions, the channel of the message reacted to
    std::string item_ts;  // the message's ts (for reactions, the message reacted to)
    std::string reaction; // reaction_added only, without colons
    std::string text;     // message and app_mention
};

// malformed: a payload siren cannot use or does not handle (view_closed, global shortcuts, ...),
// and why.
using inbound = std::variant<slash_command, view_submission, block_action, message_shortcut,
                             event_callback, malformed>;

// Never throws, for any envelope.
inbound translate(const envelope& e);

} // namespace siren::slack
