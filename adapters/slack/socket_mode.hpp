#pragma once
// Socket Mode frames (protocols.md §1.2, §1.3): what Slack sends over the socket, parsed without
// I/O, and the acknowledgement siren sends back. The Socket Mode session reads a text frame,
// calls parse_frame, acks every envelope at once, and feeds hello/disconnect to the reconnect
// policy (reconnect.hpp).

#include "core/time.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <variant>

namespace siren::slack {

// Sent right after the upgrade: the connection counts as up only once it arrived. Slack's own
// test servers send a bare {"type":"hello"}, so every field may be missing.
struct hello {
    int num_connections = 0;
    std::optional<seconds> approximate_connection_time{}; // how long Slack expects to keep it
    std::string app_id;
};

enum class disconnect_reason {
    warning,             // the connection closes in about 10 s
    refresh_requested,   // routine recycling
    link_disabled,       // Socket Mode was turned off in the app settings
    too_many_websockets, // over the app's connection cap
    other,               // a reason Slack added later; raw_reason says which
};

struct disconnect {
    disconnect_reason reason = disconnect_reason::other;
    std::string raw_reason;
};

// Events, slash commands and interactions. envelope.hpp translates the payload.
struct envelope {
    std::string envelope_id{};
    std::string type{}; // "events_api", "slash_commands", "interactive", or a newer one
    bool accepts_response_payload = false;
    int retry_attempt = 0;      // > 0: a redelivery after a missed ack (events_api)
    std::string retry_reason{}; // "timeout", ...; any string
    std::string payload_json{}; // the payload object as JSON text; empty when there was none
};

// A frame siren cannot use (not JSON, no type, an envelope without id, ...): logged and dropped.
struct malformed {
    std::string why;
};

using frame = std::variant<hello, disconnect, envelope, malformed>;

// Never throws, for any bytes.
frame parse_frame(std::string_view text);

// {"envelope_id":"…"} or {"envelope_id":"…","payload":{…}}. payload_json must be a JSON object
// (blocks.hpp builds them); anything else is left out so that the ack itself still goes out.
std::string ack_frame(std::string_view envelope_id, std::optional<std::string_view> payload_json);

} // namespace siren::slack
