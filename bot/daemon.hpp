#pragma once

#include "core/settings.hpp"
#include "store/sqlite_store.hpp"

namespace siren {

// Serves Slack until a signal stops it or reconnecting cannot help; returns the exit code.
int serve(const settings& config, store::sqlite_store& store);

} // namespace siren
