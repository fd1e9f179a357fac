#pragma once

#include <optional>
#include <string_view>

namespace siren {

// S0 is the worst. Aliases such as P1..P4 are mapped by configuration (settings::find_severity).
enum class severity { s0, s1, s2, s3, s4 };

inline constexpr severity all_severities[] = {severity::s0, severity::s1, severity::s2,
                                              severity::s3, severity::s4};

std::string_view to_string(severity s);                        // "S0".."S4"
std::optional<severity> parse_severity(std::string_view text); // "S0".."S4", any case

} // namespace siren
