#pragma once

#include <optional>
#include <string_view>

namespace siren {

// What the public (status page, announcements) is told about the affected service.
enum class public_status {
    operational,
    degraded_performance,
    partial_service_disruption,
    service_disruption,
    security_issue,
};

inline constexpr public_status all_public_statuses[] = {
    public_status::operational, public_status::degraded_performance,
    public_status::partial_service_disruption, public_status::service_disruption,
    public_status::security_issue};

std::string_view to_string(public_status s); // "degraded performance"
std::string_view to_key(public_status s);    // "degraded_performance"
// Accepts the key, the words with spaces or hyphens, and the short forms "degraded", "partial",
// "disruption", "outage", "security", "ok".
std::optional<public_status> parse_public_status(std::string_view text);

} // namespace siren
