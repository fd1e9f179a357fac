#include "adapters/json/json_access.hpp"

namespace siren::adapters::json_access {

std::optional<json> parse_object(std::string_view text) {
    json value = json::parse(text, nullptr, /*allow_exceptions=*/false);
    if (!value.is_object())
        return std::nullopt;
    return value;
}

const json* find(const json& root, std::initializer_list<std::string_view> path) {
    const json* at = &root;
    for (std::string_view key : path) {
        if (!at->is_object())
            return nullptr;
        auto member = at->find(key);
        if (member == at->end())
            return nullptr;
        at = &*member;
    }
    return at;
}

std::string text_at(const json& root, std::initializer_list<std::string_view> path) {
    const json* value = find(root, path);
    return value && value->is_string() ? value->get<std::string>() : std::string();
}

std::string to_text(const json& value) {
    return value.dump(-1, ' ', false, json::error_handler_t::replace);
}

} // namespace siren::adapters::json_access
