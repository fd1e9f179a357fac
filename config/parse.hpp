#pragma once
// YAML text into the one document a config file holds. Internal to siren_config.

#include "config/reader.hpp"

#include <optional>
#include <string_view>

#include <yaml-cpp/yaml.h>

namespace siren::config::detail {

// The file's first document (null when the text is empty), or nullopt when a syntax error
// leaves nothing to read. Syntax errors and extra documents are reported.
std::optional<YAML::Node> parse_document(context& ctx, std::string_view yaml);

} // namespace siren::config::detail
