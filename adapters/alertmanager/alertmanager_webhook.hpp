#pragma once
// Prometheus Alertmanager's webhook (protocols.md §7) as pure functions: checking the bearer
// token a receiver's http_config sends, reading payload version 4, and naming a delivery so that
// a redelivery is recognised. The HTTP receiver checks the token before it parses anything.

#include "core/alert.hpp"
#include "core/outcome.hpp"

#include <cstddef>
#include <string>
#include <string_view>

namespace siren::alertmanager {

// Larger payloads are refused: a group of a few thousand alerts fits many times over.
inline constexpr std::size_t max_payload_bytes = 1 << 20;

// Succeeds when authorization_header is "Bearer <expected>" (the scheme in any case). The time
// taken does not depend on where the tokens differ, nor on their lengths. The error never
// contains either token.
outcome<> verify_alertmanager_token(std::string_view authorization_header,
                                    std::string_view expected);

// The alert group in a delivery's body, or why it cannot be one: too large, not a JSON object,
// not version "4", a required field missing (groupKey, status, alerts; an alert's status, labels,
// startsAt, fingerprint), a field of the wrong type, an unreadable time or a fingerprint that is
// not 1 to 64 hexadecimal digits. Unknown fields are ignored.
outcome<alert_group> parse_alertmanager_webhook(std::string_view body);

// "alertmanager/<64 hex>": the same for deliveries that say the same (group key, and each alert's
// fingerprint, start and status), so that Alertmanager's retries and repeats are recognised.
std::string delivery_id(const alert_group& group);

} // namespace siren::alertmanager
