#pragma once
// Looking up IANA zones, for core's own time arithmetic; everything outside core speaks in zone
// names (core/time.hpp).

#include <string_view>

#include <date/tz.h>

namespace siren {

// nullptr for an empty or unknown zone, which callers treat as UTC.
const date::time_zone* find_zone(std::string_view zone);

} // namespace siren
