#pragma once
// Slack's HTTP delivery (protocols.md §2): the same slash commands, interactions and events as
// Socket Mode, POSTed to siren's web server. These pure functions turn a verified request into
// the envelope the Socket Mode path already handles, so both transports share one handler.

#include "adapters/slack/socket_mode.hpp"
#include "core/outcome.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace siren::slack {

// The paths siren serves in HTTP mode.
inline constexpr std::string_view commands_path = "/slack/commands";
inline constexpr std::string_view interactive_path = "/slack/interactive";
inline constexpr std::string_view events_path = "/slack/events";

// What a request to one of the paths above carries.
struct http_delivery {
    // The envelope to handle; its envelope_id is Slack's own key for the delivery (a slash
    // command's or interaction's trigger_id, an event's event_id), so a retried request is
    // recognised like a redelivered envelope.
    std::optional<envelope> to_handle{};
    // An Events API url_verification: answer with this challenge and nothing else.
    std::optional<std::string> challenge{};
};

// path without the query; body exactly as received (after the signature check). Errors name
// what is wrong with the request, for a 400 answer.
outcome<http_delivery> read_http_delivery(std::string_view path, std::string_view body);

// application/x-www-form-urlencoded → a JSON object of strings (later duplicates win).
std::string form_to_json(std::string_view form);

} // namespace siren::slack
