#pragma once
// Who worked on a resolved incident and for how long, for on-call reports and pay: from when
// each person engaged to when the incident was resolved.

#include "core/incident_view.hpp"

#include <map>

namespace siren::commands {

// The people of a resolved incident with the time each engaged: those holding a role when it
// was resolved and those who acknowledged one of its pages. A person engaged at the earliest of
// acknowledging a page, declaring it, writing to its timeline, and being named in a role change
// or hand-over (a role held with none of these counts from the declaration). Empty for an
// incident that is not resolved.
std::map<user_id, time_point> engaged_at(const incident& i, const incident_view& store);

// From engaged to resolved, per person; zero for nobody.
std::map<user_id, seconds> incident_time(const incident& i, const incident_view& store);

} // namespace siren::commands
