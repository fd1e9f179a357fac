#pragma once
// A follow-up action of an incident: what was found to need doing, by whom, tracked until done.

#include "incident.hpp"

#include <string>

namespace siren {

struct follow_up_action {
    incident_id incident = 0;
    int number = 0; // 1, 2, ... within the incident; assigned by the store
    std::string text{};
    user_id owner{};
    std::string ticket{}; // empty until one is filed
    bool done = false;
};

} // namespace siren
