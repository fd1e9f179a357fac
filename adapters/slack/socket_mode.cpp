#include "adapters/slack/socket_mode.hpp"

#include "adapters/slack/json_access.hpp"

#include <limits>

namespace siren::slack {

using detail::find;
using detail::json;
using detail::text_at;

namespace {

// A count or a duration that fits an int; other numbers (and non-numbers) are treated as absent.
std::optional<int> small_integer(const json* value) {
    if (!value || !value->is_number_integer())
        return std::nullopt;
    if (value->is_number_unsigned()) {
        auto n = value->get<std::uint64_t>();
        return n <= std::numeric_limits<int>::max() ? std::optional<int>(static_cast<int>(n))
                                                    : std::nullopt;
    }
    auto n = value->get<std::int64_t>();
    if (n < std::numeric_limits<int>::min() || n > std::numeric_limits<int>::max())
        return std::nullopt;
    return static_cast<int>(n);
}

disconnect_reason reason_of(std::string_view raw) {
    if (raw == "warning")
        return disconnect_reason::warning;
    if (raw == "refresh_requested")
        return disconnect_reason::refresh_requested;
    if (raw == "link_disabled")
        return disconnect_reason::link_disabled;
    if (raw == "too_many_websockets")
        return disconnect_reason::too_many_websockets;
    return disconnect_reason::other;
}

hello hello_of(const json& object) {
    hello h;
    h.num_connections = small_integer(find(object, {"num_connections"})).value_or(0);
    if (auto t = small_integer(find(object, {"debug_info", "approximate_connection_time"})))
        h.approximate_connection_time = seconds{*t};
    h.app_id = text_at(object, {"connection_info", "app_id"});
    return h;
}

frame envelope_of(const json& object, std::string type) {
    envelope e;
    e.envelope_id = text_at(object, {"envelope_id"});
    if (e.envelope_id.empty())
        return malformed{"envelope of type '" + type + "' without an envelope_id"};
    e.type = std::move(type);
    const json* accepts = find(object, {"accepts_response_payload"});
    e.accepts_response_payload = accepts && accepts->is_boolean() && accepts->get<bool>();
    e.retry_attempt = small_integer(find(object, {"retry_attempt"})).value_or(0);
    e.retry_reason = text_at(object, {"retry_reason"});
    if (const json* payload = find(object, {"payload"}); payload && payload->is_object())
        e.payload_json = detail::to_text(*payload);
    return e;
}

} // namespace

frame parse_frame(std::string_view text) {
    auto parsed = detail::parse_object(text);
    if (!parsed)
        return malformed{"not a JSON object"};
    const json& object = *parsed;
    std::string type = text_at(object, {"type"});
    if (type == "hello")
        return hello_of(object);
    if (type == "disconnect") {
        std::string raw = text_at(object, {"reason"});
        return disconnect{reason_of(raw), std::move(raw)};
    }
    if (find(object, {"envelope_id"}))
        return envelope_of(object, std::move(type));
    if (type.empty())
        return malformed{"frame without a type"};
    return malformed{"unknown frame type '" + type + "'"};
}

std::string ack_frame(std::string_view envelope_id, std::optional<std::string_view> payload_json) {
    json ack = {{"envelope_id", envelope_id}};
    if (payload_json)
        if (auto payload = detail::parse_object(*payload_json))
            ack["payload"] = std::move(*payload);
    return detail::to_text(ack);
}

} // namespace siren::slack
