#pragma once
// Reading the JSON of outside services (Slack, PagerDuty, Opsgenie) without exceptions, for the
// .cpp files of the adapters only (public headers stay free of nlohmann/json.hpp). Services add,
// omit and null fields freely, so every reader treats a missing member, a null and a member of
// the wrong type alike.

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace siren::adapters::json_access {

using json = nlohmann::json;

// nullopt unless text is one JSON object.
std::optional<json> parse_object(std::string_view text);

// The member at the end of a path of object keys, or nullptr when any step is missing or not an
// object.
const json* find(const json& root, std::initializer_list<std::string_view> path);

// The string at a path; empty when it is missing or not a string.
std::string text_at(const json& root, std::initializer_list<std::string_view> path);

// Compact JSON text. Invalid UTF-8 in strings is replaced instead of throwing.
std::string to_text(const json& value);

} // namespace siren::adapters::json_access
