#pragma once
// Reading the few files the configuration names. Internal to siren_config.

#include "core/outcome.hpp"

#include <cstddef>
#include <string>

namespace siren::config::detail {

// The contents of a regular file of at most `max_bytes`, or why not ("No such file or
// directory"). Devices and pipes are refused, so that a path such as /dev/zero cannot hang the
// loader.
outcome<std::string> read_regular_file(const std::string& path, std::size_t max_bytes);

} // namespace siren::config::detail
