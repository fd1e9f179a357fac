#pragma once
// The labels both trackers put on an incident's issue. For adapters/trackers only.

#include "core/severity.hpp"
#include "core/stage.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace siren::trackers {

inline constexpr std::string_view near_miss_label = "near-miss";

// "severity::S1", "stage::investigating": GitLab's scoped labels; Jira takes them as they are.
inline std::string severity_label(severity s) {
    return "severity::" + std::string(to_string(s));
}
inline std::string stage_label(stage s) {
    return "stage::" + std::string(to_string(s));
}

inline std::vector<std::string> all_severity_labels() {
    std::vector<std::string> out;
    for (severity s : {severity::s0, severity::s1, severity::s2, severity::s3, severity::s4})
        out.push_back(severity_label(s));
    return out;
}
inline std::vector<std::string> all_stage_labels() {
    std::vector<std::string> out;
    for (stage s : all_stages)
        out.push_back(stage_label(s));
    return out;
}

} // namespace siren::trackers
