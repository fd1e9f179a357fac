#pragma once

#include "outcome.hpp"
#include "public_status.hpp"
#include "role.hpp"
#include "severity.hpp"
#include "stage.hpp"
#include "time.hpp"

#include <cstdint>
#include <map>
#include <optional>
#include <string>

namespace siren {

using incident_id = std::int64_t;

// A user is named by the id the chat platform gives (Slack "U024BE7LH", or a handle such as
// "alice" in the shell workspace).
using user_id = std::string;

struct incident {
    incident_id id = 0;
    std::string title;
    severity level = severity::s2;
    stage current = stage::declared;
    public_status status = public_status::degraded_performance;
    std::string service;      // empty when no service was named
    bool security = false;    // private channel, security rotation, never on the status page
    bool near_miss = false;   // reviewed like an incident, never paged
    std::string channel_name; // without '#': "incident-20260324-orderbook-incorrect"
    std::string channel_id;   // the platform's id once the channel exists; empty before
    // Filled roles only. The IC is filled, except when an alert declared the incident while
    // nobody was on call: then the first to take it becomes IC.
    std::map<role, user_id> roles;
    user_id declared_by;
    time_point declared_at{};
    time_point updated_at{}; // last change of stage, status, severity, roles or summary
    std::optional<time_point> resolved_at;
    std::string summary;
    std::string tracker_url{}; // the issue in GitLab or Jira once it exists; empty before
    std::string tracker_key{}; // its key: "17" (GitLab), "OPS-17" (Jira)
};

bool is_open(const incident& i);

// The Incident Commander: the one person who may resolve the incident or hand it over.
const user_id& owner(const incident& i);

// Who holds a role's duties: its holder, or by the cascade the holder of the role before it.
const user_id& duty_holder(const incident& i, role r);

// Whether a role has been filled by someone (the cascade does not count).
bool is_filled(const incident& i, role r);

// Whether the user holds any role of the incident.
bool holds_a_role(const incident& i, const user_id& user);

// "#119" style reference used in replies.
std::string incident_ref(const incident& i);

} // namespace siren
