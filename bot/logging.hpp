#pragma once

#include "core/settings.hpp"

#include <string_view>

namespace siren {

// Human lines (default) or one JSON object per line, on stderr. Returns false for an unknown level.
bool configure_logging(log_format format, std::string_view level);

} // namespace siren
