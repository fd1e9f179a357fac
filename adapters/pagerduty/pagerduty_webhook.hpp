#pragma once
// PagerDuty's webhooks v3 (protocols.md §5.4) as pure functions: verifying a delivery's
// signature, then reading the event. The HTTP receiver verifies before it parses anything.

#include "core/outcome.hpp"
#include "core/time.hpp"

#include <string>
#include <string_view>

namespace siren::pagerduty {

// Succeeds when signature_header (X-PagerDuty-Signature) holds at least one "v1=<64 hex>" entry,
// among comma-separated ones, that is the HMAC-SHA256 of raw_body keyed with secret; several
// entries arrive while a secret is rotated. Entries of other versions are ignored. Compared in
// constant time. The error says which check failed and never contains the secret.
outcome<> verify_pagerduty_signature(std::string_view signature_header, std::string_view raw_body,
                                     std::string_view secret);

// One webhook event. Deliveries repeat: dedupe on event_id.
struct webhook_event {
    std::string event_id;      // event.id
    std::string event_type;    // "incident.acknowledged", "incident.resolved", "pagey.ping", ...
    std::string resource_type; // "incident", or another resource siren does not act on
    // PagerDuty's incident id ("PGR0VU2"), not the Events API dedup key: the REST client's
    // incident_key_of maps it back. Empty unless resource_type is "incident".
    std::string incident_id;
    std::string incident_status; // "triggered", "acknowledged", "resolved"; may be empty
    std::string agent_id;        // who did it; both empty when PagerDuty itself did (a timeout)
    std::string agent_name;
    time_point occurred_at{};
};

// The event in a delivery's body, or why it cannot be one: not JSON, no event object, no
// event.id, event_type or readable occurred_at, or an incident event without data.id.
outcome<webhook_event> parse_pagerduty_webhook(std::string_view body);

} // namespace siren::pagerduty
