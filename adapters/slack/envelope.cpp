#include "adapters/slack/envelope.hpp"

#include "adapters/slack/json_access.hpp"

namespace siren::slack {

using detail::find;
using detail::json;
using detail::text_at;

namespace {

inbound slash_command_of(const json& payload) {
    slash_command out;
    out.input.command = text_at(payload, {"command"});
    out.input.text = text_at(payload, {"text"});
    out.input.user = text_at(payload, {"user_id"});
    out.input.channel = text_at(payload, {"channel_id"});
    if (out.input.command.empty() || out.input.user.empty())
        return malformed{"slash command without command or user_id"};
    out.trigger_id = text_at(payload, {"trigger_id"});
    out.response_url = text_at(payload, {"response_url"});
    out.team_id = text_at(payload, {"team_id"});
    return out;
}

// The answer in one element's state (protocols.md §4.4), as the form field's text.
std::optional<std::string> answer_of(const json& state) {
    if (text_at(state, {"type"}) == "checkboxes") {
        const json* selected = find(state, {"selected_options"});
        return selected && selected->is_array() && !selected->empty() ? "true" : "false";
    }
    if (const json* value = find(state, {"value"}); value && value->is_string())
        return value->get<std::string>();
    if (const json* value = find(state, {"selected_option", "value"}); value && value->is_string())
        return value->get<std::string>();
    if (const json* user = find(state, {"selected_user"}); user && user->is_string())
        return user->get<std::string>();
    return std::nullopt; // an optional field left empty, or an element siren never builds
}

inbound view_submission_of(const json& payload) {
    view_submission out;
    out.form_id = text_at(payload, {"view", "callback_id"});
    out.user = text_at(payload, {"user", "id"});
    if (out.form_id.empty() || out.user.empty())
        return malformed{"view_submission without view.callback_id or user.id"};
    out.channel = text_at(payload, {"view", "private_metadata"});
    out.view_id = text_at(payload, {"view", "id"});
    if (const json* values = find(payload, {"view", "state", "values"});
        values && values->is_object())
        for (const auto& [block_id, actions] : values->items())
            if (actions.is_object())
                for (const auto& [action_id, state] : actions.items())
                    if (auto answer = answer_of(state))
                        out.answers[action_id] = std::move(*answer);
    return out;
}

// Prefers the first path that holds a non-empty string.
std::string first_text(const json& root, std::initializer_list<std::string_view> one,
                       std::initializer_list<std::string_view> other) {
    std::string text = text_at(root, one);
    return text.empty() ? text_at(root, other) : text;
}

inbound block_action_of(const json& payload) {
    const json* actions = find(payload, {"actions"});
    if (!actions || !actions->is_array() || actions->empty() || !actions->front().is_object())
        return malformed{"block_actions without actions"};
    const json& action = actions->front();
    block_action out;
    out.action_id = text_at(action, {"action_id"});
    out.user = text_at(payload, {"user", "id"});
    if (out.action_id.empty() || out.user.empty())
        return malformed{"block_actions without action_id or user.id"};
    out.value = first_text(action, {"value"}, {"selected_option", "value"});
    out.channel = first_text(payload, {"channel", "id"}, {"container", "channel_id"});
    out.message_ts = first_text(payload, {"container", "message_ts"}, {"message", "ts"});
    out.trigger_id = text_at(payload, {"trigger_id"});
    return out;
}

inbound message_shortcut_of(const json& payload) {
    message_shortcut out;
    out.callback_id = text_at(payload, {"callback_id"});
    out.user = text_at(payload, {"user", "id"});
    out.channel = text_at(payload, {"channel", "id"});
    out.message_ts = first_text(payload, {"message", "ts"}, {"message_ts"});
    if (out.callback_id.empty() || out.user.empty() || out.channel.empty() ||
        out.message_ts.empty())
        return malformed{"message_action without callback_id, user.id, channel.id or message.ts"};
    out.message_user = text_at(payload, {"message", "user"});
    out.message_text = text_at(payload, {"message", "text"});
    out.trigger_id = text_at(payload, {"trigger_id"});
    out.response_url = text_at(payload, {"response_url"});
    return out;
}

inbound interaction_of(const json& payload) {
    std::string type = text_at(payload, {"type"});
    if (type == "view_submission")
        return view_submission_of(payload);
    if (type == "block_actions")
        return block_action_of(payload);
    if (type == "message_action")
        return message_shortcut_of(payload);
    return malformed{"interactive payload of type '" + type + "' is not handled"};
}

inbound event_of(const json& payload) {
    if (text_at(payload, {"type"}) != "event_callback")
        return malformed{"events_api payload of type '" + text_at(payload, {"type"}) +
                         "' is not handled"};
    const json* event = find(payload, {"event"});
    event_callback out;
    out.event_id = text_at(payload, {"event_id"});
    out.type = event ? text_at(*event, {"type"}) : std::string();
    if (out.event_id.empty() || out.type.empty())
        return malformed{"event_callback without event_id or event.type"};
    out.user = text_at(*event, {"user"});
    out.channel = first_text(*event, {"channel"}, {"item", "channel"});
    out.item_ts = first_text(*event, {"item", "ts"}, {"ts"});
    out.reaction = text_at(*event, {"reaction"});
    out.text = text_at(*event, {"text"});
    return out;
}

} // namespace

inbound translate(const envelope& e) {
    if (e.payload_json.empty())
        return malformed{"envelope " + e.envelope_id + " has no payload"};
    auto payload = detail::parse_object(e.payload_json);
    if (!payload)
        return malformed{"envelope " + e.envelope_id + ": the payload is not a JSON object"};
    if (e.type == "slash_commands")
        return slash_command_of(*payload);
    if (e.type == "interactive")
        return interaction_of(*payload);
    if (e.type == "events_api")
        return event_of(*payload);
    return malformed{"envelope type '" + e.type + "' is not handled"};
}

} // namespace siren::slack
