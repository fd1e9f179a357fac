#pragma once
// What the public status page shows (docs/status-page.md): each configured service with its
// current status, the open incidents and those resolved lately, each with its public updates.
// Only incidents on the status page count (is_on_status_page): never a security incident or a
// near miss. Pure: bot/status_page.cpp serves it as HTML (status_page_render.hpp) and as JSON.

#include "core/incident_view.hpp"
#include "core/settings.hpp"

#include <optional>
#include <string>
#include <vector>

namespace siren::commands {

// How long a resolved incident stays listed.
inline constexpr days status_page_recent{7};

struct public_update {
    time_point at{};
    std::string text;
};

struct public_incident {
    incident_id id = 0;
    std::string title;
    std::string service; // empty when none was named
    stage current = stage::declared;
    public_status status = public_status::degraded_performance;
    time_point declared_at{};
    std::optional<time_point> resolved_at{};
    std::vector<public_update> updates{}; // newest first
};

struct component {
    std::string name;
    std::string description{};
    public_status status = public_status::operational; // the worst of its open incidents'
};

struct status_page {
    std::string name; // the workspace's
    time_point generated_at{};
    public_status overall = public_status::operational; // the worst of all open incidents'
    std::vector<component> components{};                // in the order of the configuration
    std::vector<public_incident> open{};                // newest first
    std::vector<public_incident> resolved{}; // in the last status_page_recent, newest first
};

status_page status_page_of(const settings& config, const incident_view& incidents, time_point now);

} // namespace siren::commands
