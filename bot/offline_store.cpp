#include "bot/offline_store.hpp"

#include "bot/app.hpp"
#include "bot/embedded_config.hpp"
#include "config/load.hpp"

#include <iostream>

namespace siren {

int open_offline(const std::string& config_path, const std::string& db_path, offline_store& out) {
    auto loaded = config_path.empty()
                      ? config::load_text(embedded_example_config, "<built-in example config>")
                      : config::load_file(config_path);
    if (!loaded.ok()) {
        for (const auto& p : loaded.problems)
            std::cerr << config::to_string(p) << '\n';
        return exit_usage;
    }
    std::string db = db_path.empty() ? loaded.values.store.path : db_path;
    auto opened = store::sqlite_store::open(db, store::open_mode::require_current);
    if (!opened) {
        std::cerr << "siren: " << db << ": " << opened.error() << '\n';
        return exit_failure;
    }
    out.config = std::move(loaded.values);
    out.store = std::move(*opened);
    return exit_ok;
}

} // namespace siren
