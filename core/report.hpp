#pragma once

#include "incident.hpp"

#include <cstdint>
#include <optional>
#include <string>

namespace siren {

using report_id = std::int64_t;

// "/incident report": something seen by a person who is not on call. The EOC is paged with it and
// may turn it into an incident.
struct report {
    report_id id = 0;
    user_id reporter;
    std::string text;
    std::string channel_id; // where it was reported, to answer there
    time_point reported_at{};
    user_id paged;                       // the EOC who was paged, empty if nobody is on call
    std::optional<incident_id> incident; // set once declared from it
};

} // namespace siren
