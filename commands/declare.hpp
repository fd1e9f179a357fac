#pragma once
// Declaring an incident: the one way siren does it, whether a person typed `/incident declare`
// (incident.cpp) or an alert asked for it (alerts.cpp).

#include "commands/command.hpp"

#include <optional>
#include <string>
#include <vector>

namespace siren::commands {

// What a declaration asks for, from typed arguments, a form's answers or an alert.
struct declaration {
    std::optional<severity> level{}; // empty: the workspace's default
    std::string title{};             // empty only when it comes from a report
    std::string service{};
    std::string description{};
    std::vector<std::string> page{}; // rotations paged besides the severity's
    bool security = false;
    bool near_miss = false;
    bool announce = true;
    bool force = false; // declare even when an open incident looks like the same one
    std::optional<report_id> from_report{};
    std::string note{}; // told back with the confirmation
    // The incident commander when it is not the declarer: the on-call of an alert's service.
    // Unlike a declarer, they are paged like anyone else on call.
    user_id commander{};
};

// The incident, its channel, its pages and its announcement. `declarer` is who declared it
// (empty: siren itself, for an alert). Refuses (a reply only) a report that is unknown or was
// declared already, and without `force` an incident that looks like an open one.
decision declare_incident(declaration d, const user_id& declarer, const context& ctx);

// A report, as `/incident report` makes it (incident.cpp) or an intake webhook asks for it
// (intake.cpp): saved, the engineer on call paged and told privately. `text` is checked already;
// `reporter` is empty for siren itself, `channel` where to answer (may be empty).
decision report_problem(std::string text, const user_id& reporter, std::string channel,
                        const context& ctx);

} // namespace siren::commands
