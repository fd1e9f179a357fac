#pragma once
// Block Kit JSON (protocols.md §4) for what siren shows in Slack, as JSON text ready to embed in a
// Web API body or an ack. Text goes in as siren wrote it: mrkdwn, with <@U…> and <#C…>
// references untouched.

#include "core/form.hpp"

#include <cstddef>
#include <map>
#include <string>
#include <string_view>

namespace siren::slack {

inline constexpr std::size_t max_section_characters = 3'000;
inline constexpr std::size_t max_message_blocks = 50;
inline constexpr std::size_t max_modal_title_characters = 24; // title, submit and close
// A siren button's action_id is this prefix and its index; its value is the command it stands
// for (effect.hpp `button`).
inline constexpr std::string_view button_action_prefix = "siren_button_";

// A JSON array of mrkdwn sections holding text: a section per 3,000 characters, cut at line
// breaks where there are any, at most 50 sections (the last one marked as cut). "[]" for empty
// text. The message's `text` field stays the whole plain text: Slack shows it in notifications.
std::string message_blocks(std::string_view text);

// A views.open `view` object for the form: callback_id = form.id, one input block per field with
// block_id = action_id = field.key, so that a view_submission's answers come back by key
// (envelope.hpp). private_metadata travels with the view and returns as
// view_submission::channel: pass the id of the channel the form was asked from.
std::string modal_view(const form& f, std::string_view private_metadata);

// The view_submission ack that keeps the modal open and shows each message under its field:
// {"response_action":"errors","errors":{key: message}}.
std::string view_errors(const std::map<std::string, std::string>& field_errors);

// The slash-command ack payload: the reply only the person who typed the command sees.
std::string ack_reply(std::string_view text);

} // namespace siren::slack
