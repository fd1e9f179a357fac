// Socket Mode frames: any bytes Slack (or anything pretending to be Slack) sends over the socket
// parse into a frame without a crash, an exception or a hang, and every envelope can be acked:
// the ack names the same envelope and carries the same payload.
//
// Input: one text frame, as is.

#include "adapters/slack/socket_mode.hpp"

#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace siren::slack;
    std::string_view text(reinterpret_cast<const char*>(data), size);
    frame parsed = parse_frame(text);
    if (const auto* e = std::get_if<envelope>(&parsed)) {
        if (e->envelope_id.empty())
            __builtin_trap(); // an envelope without an id cannot be acked
        std::optional<std::string_view> payload;
        if (!e->payload_json.empty())
            payload = e->payload_json;
        frame ack = parse_frame(ack_frame(e->envelope_id, payload));
        const auto* echoed = std::get_if<envelope>(&ack);
        if (!echoed || echoed->envelope_id != e->envelope_id ||
            echoed->payload_json != e->payload_json)
            __builtin_trap();
    }
    if (const auto* m = std::get_if<malformed>(&parsed); m && m->why.empty())
        __builtin_trap(); // a dropped frame is logged with its reason
    return 0;
}
