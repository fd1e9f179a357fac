#pragma once
// The rows the store keeps besides incidents and reports, as the rest of siren sees them.
// An incident id of 0 means "no incident".

#include "core/action.hpp"
#include "core/effect.hpp"
#include "core/incident.hpp"

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
    time_point created_at{};     // when it was decided
    bool unsure = false;         // an earlier attempt may have taken effect unseen
};

} // namespace siren::store
