#pragma once
// What siren asks the outside world to do. Handlers return effects; the store keeps them in the
// outbox in the same transaction as the state change; the effects runner carries each out once.
//
// Channels are named without '#'. Text uses Slack's mention syntax (<@U123>), which every
// adapter understands or renders. A message `key` names a message for later edits
// ("intro" is the pinned status message); messages without a key are never edited.

#include "incident.hpp"

#include <string>
#include <variant>
#include <vector>

namespace siren {

struct create_channel {
    std::string name;
    bool is_private = false;
};

struct invite_users {
    std::string channel;
    std::vector<user_id> users;
};

struct set_topic {
    std::string channel;
    std::string topic;
};

struct post_message {
    std::string channel;
    std::string text;
    std::string key; // empty: never edited
    bool pin = false;
};

struct update_message {
    std::string channel;
    std::string key;
    std::string text;
};

// A private message to one person (a DM in Slack).
struct notify_user {
    user_id user;
    std::string text;
};

// Page a person through the configured provider. dedup_key makes a repeated send harmless and
// lets the page be resolved later.
struct page_user {
    user_id user;
    std::string rotation; // the rotation the person was paged for, e.g. "eoc"; may be empty
    std::string summary;
    severity level = severity::s2;
    std::string dedup_key;
};

struct resolve_page {
    std::string dedup_key;
};

using effect = std::variant<create_channel, invite_users, set_topic, post_message, update_message,
                            notify_user, page_user, resolve_page>;

std::string_view kind_of(const effect& e); // "create_channel", ...

} // namespace siren
