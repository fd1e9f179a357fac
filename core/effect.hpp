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

// A button under a message. Pressing it is typing `command` in the message's channel, as the
// person who pressed it: "/119 ack siren-12-eoc". The shell shows the command beside the label.
struct button {
    std::string label;
    std::string command;
    std::string style{}; // "primary", "danger" or empty

    friend bool operator==(const button&, const button&) = default;
};

struct post_message {
    std::string channel;
    std::string text;
    std::string key{}; // empty: never edited
    bool pin = false;
    std::vector<button> buttons{};
};

struct update_message {
    std::string channel;
    std::string key;
    std::string text;
    std::vector<button> buttons{};
};

// A private message to one person (a DM in Slack).
struct notify_user {
    user_id user;
    std::string text;
};

// Archive a channel: it stays searchable, nobody can post in it.
struct archive_channel {
    std::string channel;
};

// Make a user group (Slack's @sre-oncall) hold exactly these people.
struct set_group_members {
    std::string group; // the platform's group id
    std::vector<user_id> users;
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

// Tells the page's provider it was acknowledged in siren, so it stops notifying the person.
struct acknowledge_page {
    std::string dedup_key;
};

struct resolve_page {
    std::string dedup_key;
};

// A text file shared in a channel (Slack's file upload), e.g. a review's draft in Markdown.
struct post_file {
    std::string channel;
    std::string filename; // "review-12.md"
    std::string title;
    std::string content;
    std::string comment{}; // the message the file is shared with; may be empty
};

// A file written on siren's own disk (the reviews directory); an existing file is replaced.
struct write_file {
    std::string path;
    std::string content;
};

// An issue in the configured tracker (GitLab, Jira): the incident's own (action 0) or one for a
// follow-up action. The runner records its key and URL; once the incident's exists, the
// tracker_linked timer links it from the channel (a bookmark) and the pinned intro. Labelled
// siren-incident-<id> (siren-action-<id>-<n>) so that a create whose answer was lost finds the
// issue instead of making a second one.
struct create_tracker_issue {
    incident_id incident = 0;
    int action = 0; // 0: the incident's issue; else the follow-up action's number
    std::string title;
    std::string description;
    severity level = severity::s2;
    bool near_miss = false;
};

// Keeps the incident's issue in step: severity and stage labels (Jira: priority and status),
// closed once the incident is resolved, open again when it is reopened.
struct update_tracker_issue {
    incident_id incident = 0;
    severity level = severity::s2;
    stage current = stage::declared;
};

// A link kept at the top of a channel (Slack's bookmarks, type link): the meeting bridge, the
// runbook, the service's dashboards and logs. Platforms without bookmarks do nothing.
struct add_bookmark {
    std::string channel;
    std::string title;
    std::string link;
};

// The incident as the hosted status page (Atlassian Statuspage) should show it now, for an
// incident on siren's own status page only: created there the first time, updated after.
// `update` is a public update (/119 public) posted with it; empty when only the stage or the
// status changed. Found again after a lost answer by its name among the host's open incidents.
struct mirror_status {
    incident_id incident = 0;
    std::string title;
    std::string service; // the affected component's siren name; empty: none
    stage current = stage::declared;
    public_status status = public_status::degraded_performance;
    std::string update{};
};

using effect =
    std::variant<create_channel, invite_users, set_topic, post_message, update_message, notify_user,
                 archive_channel, set_group_members, page_user, acknowledge_page, resolve_page,
                 post_file, write_file, create_tracker_issue, update_tracker_issue, add_bookmark,
                 mirror_status>;

std::string_view kind_of(const effect& e); // "create_channel", ...

// Whether the effect goes to the pager (page, acknowledge, resolve) rather than the chat.
bool is_paging(const effect& e);
// Whether the effect goes to the issue tracker: such effects have a lane of their own, so a
// tracker that is down never holds up the incident's channel.
bool is_tracking(const effect& e);
// Whether the effect goes to the hosted status page: such effects have a lane of their own too.
bool is_mirroring_status(const effect& e);

// The buttons every pager that can show them puts on a page: Acknowledge and Escalate, as the
// `/119 ack` and `/119 escalate` commands for that page.
std::vector<button> page_buttons(std::string_view dedup_key);

} // namespace siren
