#include "bot/app.hpp"

#include "bot/daemon.hpp"
#include "bot/embedded_config.hpp"
#include "bot/logging.hpp"
#include "bot/shell.hpp"
#include "config/load.hpp"
#include "store/sqlite_store.hpp"

#include <iostream>
#include <unistd.h>

#include <spdlog/spdlog.h>

namespace siren {

namespace {

void print_problems(const std::vector<config::problem>& problems) {
    for (const auto& p : problems)
        std::cerr << config::to_string(p) << '\n';
}

bool start_logging(const settings& config, const global_options& globals) {
    auto level = globals.level.value_or(config.log.level);
    if (configure_logging(globals.format.value_or(config.log.format), level))
        return true;
    std::cerr << "siren: unknown log level `" << level
              << "` (use trace, debug, info, warn, error or off)\n";
    return false;
}

} // namespace

int check_config(const std::string& path, bool print) {
    auto loaded = config::load_file(path);
    if (!loaded.ok()) {
        print_problems(loaded.problems);
        std::cerr << path << ": " << loaded.problems.size()
                  << (loaded.problems.size() == 1 ? " problem" : " problems") << '\n';
        return exit_usage;
    }
    const settings& s = loaded.values;
    std::cout << path << ": OK (" << s.people.size() << " people, " << s.rotations.size()
              << " rotations, " << s.services.size() << " services, " << s.escalations.size()
              << " escalation policies)\n";
    if (print)
        std::cout << config::describe(s);
    return exit_ok;
}

int migrate(const std::string& db_path) {
    auto opened = store::sqlite_store::open(db_path, store::open_mode::migrate);
    if (!opened) {
        std::cerr << "siren: " << db_path << ": " << opened.error() << '\n';
        return exit_failure;
    }
    std::cout << db_path << ": schema version " << (*opened)->schema_version() << '\n';
    return exit_ok;
}

int run_daemon(const std::string& config_path, const global_options& globals) {
    auto loaded = config::load_file(config_path);
    if (!loaded.ok()) {
        print_problems(loaded.problems);
        return exit_usage;
    }
    if (auto missing = config::missing_run_secrets(loaded.values); !missing.empty()) {
        print_problems(missing);
        return exit_usage;
    }
    if (!start_logging(loaded.values, globals))
        return exit_usage;
    auto opened = store::sqlite_store::open(loaded.values.store.path, store::open_mode::migrate);
    if (!opened) {
        spdlog::critical("cannot open the database {}: {}", loaded.values.store.path,
                         opened.error());
        return exit_failure;
    }
    return serve(loaded.values, **opened);
}

int shell(const shell_command& command, const global_options& globals) {
    auto loaded = command.config_path.empty()
                      ? config::load_text(embedded_example_config, "<built-in example config>")
                      : config::load_file(command.config_path);
    if (!loaded.ok()) {
        print_problems(loaded.problems);
        return exit_usage;
    }
    global_options quiet = globals;
    if (!quiet.level)
        quiet.level = "warn"; // the terminal is for the workspace; logs only when something fails
    if (!start_logging(loaded.values, quiet))
        return exit_usage;

    shell_options options{.db_path =
                              command.db_path.empty() ? loaded.values.store.path : command.db_path,
                          .user = command.user,
                          .interactive = isatty(STDIN_FILENO) == 1};
    if (!command.now.empty()) {
        options.now = parse_iso8601(command.now);
        if (!options.now) {
            std::cerr << "siren: --now wants a time like 2026-03-24T08:00:00Z, not `" << command.now
                      << "`\n";
            return exit_usage;
        }
    }
    return run_shell(loaded.values, options, std::cin, std::cout);
}

} // namespace siren
