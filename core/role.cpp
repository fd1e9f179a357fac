#include "role.hpp"

#include <string>

namespace siren {

namespace {
struct role_names {
    role which;
    std::string_view abbreviation, long_name, key, alias1, alias2;
};
constexpr role_names names[] = {
    {role::ic, "IC", "Incident Commander", "ic", "commander", "incident-commander"},
    {role::tl, "TL", "Tech Lead", "tl", "tech-lead", "techlead"},
    {role::cl, "CL", "Communications Lead", "cl", "comms", "communications-lead"},
    {role::em, "EM", "Engineering Manager", "em", "manager", "engineering-manager"},
};
} // namespace

std::string_view to_string(role r) {
    return names[static_cast<int>(r)].abbreviation;
}
std::string_view long_name(role r) {
    return names[static_cast<int>(r)].long_name;
}
std::string_view to_key(role r) {
    return names[static_cast<int>(r)].key;
}

std::optional<role> parse_role(std::string_view text) {
    std::string lower;
    for (char c : text)
        lower += static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
    for (const auto& n : names)
        if (lower == n.key || lower == n.alias1 || lower == n.alias2)
            return n.which;
    return std::nullopt;
}

} // namespace siren
