#pragma once
// What the offline subcommands (`siren review export`, `siren pay`) read: the configuration and
// the database, opened the same way for each.

#include "core/settings.hpp"
#include "store/sqlite_store.hpp"

#include <memory>
#include <string>

namespace siren {

struct offline_store {
    settings config;
    std::unique_ptr<store::sqlite_store> store;
};

// config_path empty: the built-in example configuration; db_path empty: the config's
// store.path. On failure, says why on standard error and returns the exit code (app.hpp);
// exit_ok when `out` is ready.
int open_offline(const std::string& config_path, const std::string& db_path, offline_store& out);

} // namespace siren
