#pragma once
// Other systems' webhooks (POST /webhooks/intake/<source>) as pure functions: checking a
// source's bearer token and its sender's signature, reading each preset's payload, and naming a
// delivery so that a repeat is recognised. The HTTP receiver checks the token and the signature
// before it parses anything.

#include "core/intake.hpp"
#include "core/outcome.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace siren::intake {

// Larger bodies are refused (413): a HackerOne report with its activity fits many times over.
inline constexpr std::size_t max_payload_bytes = 512 * 1024;

// What a payload asks for: an item, or nothing and why (an event siren does not act on).
struct reading {
    std::optional<intake_item> item{};
    std::string ignored{}; // why there is no item
};

// Succeeds when authorization_header is "Bearer <expected>" (the scheme in any case); constant
// time; the error never contains either token.
outcome<> verify_bearer(std::string_view authorization_header, std::string_view expected);

// HackerOne's X-H1-Signature: "sha256=" and the hex HMAC-SHA256 of the body keyed with the
// webhook's secret. Constant time.
outcome<> verify_hackerone_signature(std::string_view header, std::string_view body,
                                     std::string_view secret);

// Intercom's X-Hub-Signature: "sha1=" and the hex HMAC-SHA1 of the body keyed with the app's
// client secret. Constant time.
outcome<> verify_intercom_signature(std::string_view header, std::string_view body,
                                    std::string_view secret);

// siren's own JSON: {"title": required text, "severity", "description", "link", "dedup_key":
// optional text}. Errors start with "the payload ".
outcome<reading> parse_generic(std::string_view body);

// A HackerOne report webhook. `event` is the X-H1-Event header; without it, the report's state
// decides. Only report_triaged (or a report in state "triaged") gives an item: the report's
// title, its severity rating as S1 (critical) to S4 (low, none), its vulnerability information,
// its link and "hackerone-<report id>" as dedup key. Errors start with "the payload ".
outcome<reading> parse_hackerone(std::string_view event, std::string_view body);

// An Intercom notification. A conversation topic whose conversation carries the tag `tag` (any
// case) gives an item: the conversation's title (else its first message, without HTML), its
// first message, and "intercom-<conversation id>" as dedup key; ping and anything else are
// ignored. Errors start with "the payload ".
outcome<reading> parse_intercom(std::string_view body, std::string_view tag);

// "intake/<source>/<64 hex>": from the item's dedup key when it has one, else from the body, so
// that the same report or a retried delivery is recognised.
std::string delivery_id(std::string_view source, const intake_item& item, std::string_view body);

} // namespace siren::intake
