#pragma once
// An issue tracker (GitLab, Jira) where incidents and follow-up actions are recorded besides
// siren (docs/integrations.md#gitlab-and-jira-issues). Creating is not idempotent: every issue
// carries its marker label, and find_issue is asked before creating again when an earlier
// attempt's answer was lost.
//
// Failures read "<Tracker> <action> …" and never hold the token.

#include "adapters/call_result.hpp"
#include "core/severity.hpp"
#include "core/stage.hpp"

#include <optional>
#include <string>
#include <vector>

#include <boost/asio/awaitable.hpp>

namespace siren::adapters {

struct tracker_issue {
    std::string key; // GitLab: the iid ("17"); Jira: "OPS-17"
    std::string url; // the page people open
};

struct new_issue {
    std::string title;
    std::string description;
    std::string marker;              // "siren-incident-12", "siren-action-12-3": a label
    bool incident = true;            // GitLab: issue_type incident; else a plain issue
    std::optional<severity> level{}; // incidents: a severity label (Jira: priority)
    bool near_miss = false;          // incidents: a "near miss" label
};

// What the incident's issue should show now.
struct issue_state {
    severity level = severity::s2;
    stage current = stage::declared;
};

class tracker {
public:
    virtual ~tracker() = default;

    virtual std::string_view kind() const = 0; // "gitlab", "jira"
    [[nodiscard]] virtual boost::asio::awaitable<call_result<tracker_issue>>
    create_issue(new_issue issue) = 0;
    // The issue labelled `marker`, open or closed; nullopt when there is none.
    [[nodiscard]] virtual boost::asio::awaitable<call_result<std::optional<tracker_issue>>>
    find_issue(std::string marker) = 0;
    // Severity and stage labels replaced (Jira: priority, labels and a transition); a resolved
    // or closed stage closes the issue, an open one reopens it. Doing it twice is harmless.
    [[nodiscard]] virtual boost::asio::awaitable<call_result<>> update_issue(std::string key,
                                                                             issue_state state) = 0;
};

// "siren-incident-12" and "siren-action-12-3": the labels that find an issue again.
inline std::string incident_marker(std::int64_t incident) {
    return "siren-incident-" + std::to_string(incident);
}
inline std::string action_marker(std::int64_t incident, int number) {
    return "siren-action-" + std::to_string(incident) + "-" + std::to_string(number);
}

} // namespace siren::adapters
