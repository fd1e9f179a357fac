#pragma once
// The rows the store keeps besides incidents and reports, as the rest of siren sees them.
// An incident id of 0 means "no incident".

#include "core/effect.hpp"
#include "core/incident.hpp"
#include "core/rotation.hpp"

#include <cstdint>
#include <optional>
#include <string>

namespace siren::store {

struct commit_result {
    bool duplicate = false; // the envelope was committed before; nothing was written this time
};

// An effect the runner is to carry out now.
struct outbox_item {
    std::int64_t id = 0;
    incident_id incident = 0;
    effect action;
    std::string idempotency_key; // "<envelope id>/<index>"; the same on every retry
    int attempts = 0;            // failed attempts so far
};

enum class page_status { triggered, acknowledged, escalated, resolved };

struct page_row {
    std::int64_t id = 0;
    std::string dedup_key;
    incident_id incident = 0;
    user_id user;
    std::string rotation;
    std::string provider; // "slack", "pagerduty", "opsgenie"
    time_point sent_at{};
    std::optional<time_point> acknowledged_at;
    user_id acknowledged_by; // empty until acknowledged
    std::optional<time_point> escalated_at;
    std::optional<time_point> resolved_at;
    page_status status = page_status::triggered;
};

struct timer_row {
    std::int64_t id = 0;
    std::string kind; // the scheduler's name for it: "escalation", "update_reminder", ...
    incident_id incident = 0;
    time_point due_at{};
    std::string payload; // opaque to the store
};

// A stored rotation override with what it takes to list and remove it.
struct override_record {
    std::int64_t id = 0;
    rotation_override what;
    user_id created_by;
};

// A corrective action from a review.
struct follow_up_action {
    incident_id incident = 0;
    int number = 0; // 1, 2, ... within the incident; assigned by the store
    std::string text;
    user_id owner;
    std::string ticket; // empty until one is filed
    bool done = false;
};

} // namespace siren::store
