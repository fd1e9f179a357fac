#pragma once

#include <string_view>

namespace siren {

// config/siren.example.yaml as it was when siren was built.
extern const std::string_view embedded_example_config;

} // namespace siren
