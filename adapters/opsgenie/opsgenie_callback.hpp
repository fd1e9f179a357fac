#pragma once
// Opsgenie's outgoing webhook (protocols.md §6.2) as pure functions. Opsgenie signs nothing: the
// integration sends a shared token in a custom header, checked before the body is read.

#include "core/outcome.hpp"

#include <string>
#include <string_view>

namespace siren::opsgenie {

// Succeeds when header_value equals expected (OPSGENIE_CALLBACK_TOKEN). The time taken does not
// depend on where they differ, nor on expected's length. The error never contains either value.
outcome<> verify_callback_token(std::string_view header_value, std::string_view expected);

// One alert action Opsgenie reports.
struct callback {
    std::string action;   // "Create", "Acknowledge", "UnAcknowledge", "Close", "AddNote", ...
    std::string alias;    // the dedup key siren gave the alert; empty for alerts siren did not open
    std::string alert_id; // Opsgenie's alert id
    std::string username; // who acted ("alice@example.com", "System"); may be empty
};

// The action in a callback's body, or why it cannot be one: not JSON, no action, or no alert
// with an alertId.
outcome<callback> parse_opsgenie_callback(std::string_view body);

} // namespace siren::opsgenie
