#pragma once
// A durable timer: something siren promised to do later (escalate an unacknowledged page, page the
// IMOC when an incident stays in investigating). Timers live in the store, so a restart neither
// loses nor repeats one; when one is due, the timer handler decides what it does.

#include "incident.hpp"

#include <cstdint>
#include <string>

namespace siren {

struct timer {
    std::int64_t id = 0; // given by the store
    std::string kind;    // "escalation", "investigating", ...
    incident_id incident = 0;
    time_point due_at{};
    std::string payload{}; // the handler's own, e.g. the escalation step
};

// Stops every pending timer of a kind for an incident.
struct timer_cancel {
    std::string kind;
    incident_id incident = 0;
};

} // namespace siren
