#include "adapters/slack/blocks.hpp"

#include "adapters/slack/json_access.hpp"
#include "commands/text.hpp"

#include <algorithm>
#include <vector>

namespace siren::slack {

using detail::json;

namespace {

constexpr std::size_t max_label_characters = 2'000;
constexpr std::size_t max_option_characters = 75;
constexpr std::size_t max_options = 100;
constexpr std::size_t max_actions_elements = 25;
constexpr std::size_t max_button_label_characters = 75;
constexpr std::size_t max_button_value_characters = 2'000;

bool is_continuation_byte(char c) {
    return (static_cast<unsigned char>(c) & 0xC0) == 0x80;
}

// The length in bytes of text's first `characters` characters (all of it when shorter).
std::size_t prefix_bytes(std::string_view text, std::size_t characters) {
    std::size_t seen = 0;
    for (std::size_t i = 0; i < text.size(); ++i)
        if (!is_continuation_byte(text[i]) && seen++ == characters)
            return i;
    return text.size();
}

std::vector<std::string> section_texts(std::string_view text) {
    std::vector<std::string> sections;
    while (!text.empty()) {
        std::size_t fits = prefix_bytes(text, max_section_characters);
        if (fits == text.size()) {
            sections.emplace_back(text);
            break;
        }
        if (sections.size() + 1 == max_message_blocks) {
            sections.push_back(commands::shorten(text, max_section_characters));
            break;
        }
        // A break at the start would make an empty section: cut mid-line instead.
        std::size_t newline = text.substr(0, fits + 1).rfind('\n');
        std::size_t cut = newline == std::string_view::npos || newline == 0 ? fits : newline;
        sections.emplace_back(text.substr(0, cut));
        text.remove_prefix(cut);
        if (text.front() == '\n')
            text.remove_prefix(1);
    }
    return sections;
}

json plain_text(std::string_view text, std::size_t max_characters) {
    return {{"type", "plain_text"}, {"text", commands::shorten(text, max_characters)}};
}

json option(std::string_view label, std::string_view value) {
    return {{"text", plain_text(label, max_option_characters)}, {"value", value}};
}

json element_for(const form_field& field) {
    if (field.kind == field_kind::checkbox) {
        json yes = option("Yes", "true");
        json element = {{"type", "checkboxes"}, {"action_id", field.key}, {"options", {yes}}};
        if (field.initial == "true")
            element["initial_options"] = {yes};
        return element;
    }
    if (field.kind == field_kind::person) {
        json element = {{"type", "users_select"}, {"action_id", field.key}};
        if (field.initial.size() > 1 && field.initial.front() == '@')
            element["initial_user"] = field.initial.substr(1);
        return element;
    }
    // Slack refuses a menu without options; a choice without any is asked as text instead.
    if (field.kind == field_kind::choice && !field.choices.empty()) {
        json element = {{"type", "static_select"}, {"action_id", field.key}};
        json options = json::array();
        for (std::size_t i = 0; i < std::min(field.choices.size(), max_options); ++i) {
            options.push_back(option(field.choices[i], field.choices[i]));
            if (field.choices[i] == field.initial)
                element["initial_option"] = options.back();
        }
        element["options"] = std::move(options);
        return element;
    }
    json element = {{"type", "plain_text_input"},
                    {"action_id", field.key},
                    {"multiline", field.kind == field_kind::long_text}};
    if (!field.initial.empty())
        element["initial_value"] = field.initial;
    return element;
}

} // namespace

namespace detail {

json message_block_list(std::string_view text, const std::vector<button>& buttons) {
    json blocks = json::array();
    for (auto& section : section_texts(text))
        blocks.push_back(
            {{"type", "section"}, {"text", {{"type", "mrkdwn"}, {"text", std::move(section)}}}});
    if (buttons.empty())
        return blocks;
    if (blocks.size() == max_message_blocks)
        blocks.erase(blocks.end() - 1); // the buttons matter more than the end of a cut text
    json elements = json::array();
    for (std::size_t n = 0; n < std::min(buttons.size(), max_actions_elements); ++n) {
        json element = {
            {"type", "button"},
            {"action_id", std::string(button_action_prefix) + std::to_string(n)},
            {"text", plain_text(buttons[n].label, max_button_label_characters)},
            {"value", commands::shorten(buttons[n].command, max_button_value_characters)}};
        if (!buttons[n].style.empty())
            element["style"] = buttons[n].style;
        elements.push_back(std::move(element));
    }
    blocks.push_back({{"type", "actions"}, {"elements", std::move(elements)}});
    return blocks;
}

} // namespace detail

std::string message_blocks(std::string_view text) {
    return detail::to_text(detail::message_block_list(text));
}

std::string modal_view(const form& f, std::string_view private_metadata) {
    json blocks = json::array();
    for (const auto& field : f.fields)
        blocks.push_back({{"type", "input"},
                          {"block_id", field.key},
                          {"label", plain_text(field.label.empty() ? field.key : field.label,
                                               max_label_characters)},
                          {"optional", !field.required},
                          {"element", element_for(field)}});
    // Slack refuses empty titles and buttons.
    json view = {
        {"type", "modal"},
        {"callback_id", f.id},
        {"private_metadata", private_metadata},
        {"title", plain_text(f.title.empty() ? "siren" : f.title, max_modal_title_characters)},
        {"submit", plain_text(f.submit.empty() ? "Submit" : f.submit, max_modal_title_characters)},
        {"close", plain_text("Cancel", max_modal_title_characters)},
        {"blocks", std::move(blocks)}};
    return detail::to_text(view);
}

std::string view_errors(const std::map<std::string, std::string>& field_errors) {
    json errors = json::object();
    for (const auto& [key, message] : field_errors)
        errors[key] = message;
    return detail::to_text({{"response_action", "errors"}, {"errors", std::move(errors)}});
}

std::string ack_reply(std::string_view text) {
    return detail::to_text({{"response_type", "ephemeral"}, {"text", text}});
}

} // namespace siren::slack
