#include "adapters/slack/http_mode.hpp"

#include "adapters/hex.hpp"
#include "adapters/slack/json_access.hpp"

namespace siren::slack {

using detail::json;

namespace {

// %XX and '+' decoded; a malformed escape is kept as it is, as browsers do.
std::string url_decode(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '+') {
            out += ' ';
        } else if (s[i] == '%' && i + 2 < s.size() && adapters::hex_value(s[i + 1]) >= 0 &&
                   adapters::hex_value(s[i + 2]) >= 0) {
            out += static_cast<char>(adapters::hex_value(s[i + 1]) * 16 +
                                     adapters::hex_value(s[i + 2]));
            i += 2;
        } else {
            out += s[i];
        }
    }
    return out;
}

json form_object(std::string_view form) {
    json fields = json::object();
    while (!form.empty()) {
        auto amp = form.find('&');
        std::string_view pair = form.substr(0, amp);
        form.remove_prefix(amp == std::string_view::npos ? form.size() : amp + 1);
        if (pair.empty())
            continue;
        auto eq = pair.find('=');
        std::string key = url_decode(pair.substr(0, eq));
        std::string value = eq == std::string_view::npos ? "" : url_decode(pair.substr(eq + 1));
        fields[key] = value;
    }
    return fields;
}

outcome<http_delivery> refused(std::string why) {
    return outcome<http_delivery>(boost::system::in_place_error, std::move(why));
}

} // namespace

std::string form_to_json(std::string_view form) {
    return detail::to_text(form_object(form));
}

outcome<http_delivery> read_http_delivery(std::string_view path, std::string_view body) {
    if (path == commands_path) {
        json fields = form_object(body);
        std::string trigger = fields.value("trigger_id", "");
        if (trigger.empty())
            return refused("a slash command without trigger_id");
        return http_delivery{.to_handle = envelope{.envelope_id = trigger,
                                                   .type = "slash_commands",
                                                   .accepts_response_payload = true,
                                                   .payload_json = detail::to_text(fields)}};
    }
    if (path == interactive_path) {
        std::string payload = form_object(body).value("payload", "");
        auto parsed = detail::parse_object(payload);
        if (!parsed)
            return refused("an interaction without a JSON `payload` field");
        std::string key = detail::text_at(*parsed, {"trigger_id"});
        if (key.empty())
            key = detail::text_at(*parsed, {"view", "id"}) + "/" +
                  detail::text_at(*parsed, {"view", "hash"});
        return http_delivery{.to_handle = envelope{.envelope_id = key,
                                                   .type = "interactive",
                                                   .accepts_response_payload = true,
                                                   .payload_json = payload}};
    }
    if (path == events_path) {
        auto parsed = detail::parse_object(body);
        if (!parsed)
            return refused("an event that is not a JSON object");
        std::string type = detail::text_at(*parsed, {"type"});
        if (type == "url_verification")
            return http_delivery{.challenge = detail::text_at(*parsed, {"challenge"})};
        std::string event_id = detail::text_at(*parsed, {"event_id"});
        if (type != "event_callback" || event_id.empty())
            return refused("an event callback without event_id");
        return http_delivery{.to_handle = envelope{.envelope_id = event_id,
                                                   .type = "events_api",
                                                   .payload_json = std::string(body)}};
    }
    return refused("no such path");
}

} // namespace siren::slack
