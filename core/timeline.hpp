#pragma once

#include "incident.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace siren {

enum class entry_kind {
    declared,
    stage,
    status,
    severity,
    role,
    summary,
    note,
    handover,
    resolved,
    reopened,
    page,
    report,
    acknowledged,  // a page was acknowledged
    escalated,     // paging moved to the next level of the escalation policy
    message,       // a message of the incident's channel, copied in by a reaction or a shortcut
    alert,         // an alert from Alertmanager fired or resolved
    public_update, // what the status page tells the public (/119 public)
};

std::string_view to_string(entry_kind k);
std::optional<entry_kind> parse_entry_kind(std::string_view text);

// One line of an incident's history: who did what, when. Every change becomes one.
struct timeline_entry {
    incident_id incident = 0;
    time_point at{};
    user_id actor;
    entry_kind kind = entry_kind::note;
    std::string text;
    // The conversation message a `message` entry copies, "<channel id>/<ts>"; empty for every
    // other entry. The store keeps at most one entry per source.
    std::string source{};
};

} // namespace siren
