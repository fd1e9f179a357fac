#pragma once
// The review (postmortem) of an incident. Resolving opens it: an owner (the incident commander
// unless someone else was named), a provisional review due soon after and the full review due
// later (reviews.provisional_after, reviews.full_after). Sharing the first draft (/119 review)
// is the provisional review; marking it written (/119 review done) closes the incident.

#include "incident.hpp"

#include <optional>

namespace siren {

struct review {
    incident_id incident = 0;
    user_id owner{}; // empty: the incident commander
    // A near miss: the severity the incident would have had; nullopt when none was given.
    std::optional<severity> near_miss_level{};
    std::optional<time_point> opened_at{}; // when resolving opened it; nullopt before
    time_point provisional_due{};
    time_point full_due{};
    std::optional<time_point> drafted_at{}; // the first draft was shared after resolving
    std::optional<time_point> written_at{}; // marked written
    user_id written_by{};
};

} // namespace siren
