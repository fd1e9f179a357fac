#pragma once

#include <optional>
#include <string_view>

namespace siren {

// The roles of an incident, in the order of the cascade: an unfilled role's duties are held by
// the holder of the role before it, up to the Incident Commander, who owns the incident.
enum class role { ic, tl, cl, em };

inline constexpr role all_roles[] = {role::ic, role::tl, role::cl, role::em};

std::string_view to_string(role r);                    // "IC"
std::string_view long_name(role r);                    // "Incident Commander"
std::string_view to_key(role r);                       // "ic"
std::optional<role> parse_role(std::string_view text); // "ic", "IC", "commander", "tech-lead"...

} // namespace siren
