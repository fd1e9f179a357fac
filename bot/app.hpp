#pragma once
// The composition root: each subcommand of the `siren` program, built from the configuration.
// Each returns the process exit code: 0 ok, 1 runtime failure, 2 usage or configuration error.

#include "core/settings.hpp"

#include <optional>
#include <string>

namespace siren {

inline constexpr int exit_ok = 0;
inline constexpr int exit_failure = 1;
inline constexpr int exit_usage = 2;

struct global_options {
    std::optional<log_format> format; // overrides the config's log.format
    std::optional<std::string> level; // overrides the config's log.level
};

int check_config(const std::string& path, bool print);
int migrate(const std::string& db_path);
int run_daemon(const std::string& config_path, const global_options& globals);

struct shell_command {
    std::string config_path; // empty: the built-in example configuration
    std::string db_path;     // empty: the config's store.path
    std::string user;
    std::string now; // ISO 8601; empty: the real clock
};
int shell(const shell_command& command, const global_options& globals);

struct review_export_command {
    std::string incident;    // "12" or "#12"
    std::string config_path; // empty: the built-in example configuration
    std::string db_path;     // empty: the config's store.path
    std::string out_path;    // empty: standard output
};
// `siren review export`: the review draft of an incident, as /119 review shares it
// (review_export.cpp).
int export_review(const review_export_command& command);

struct pay_command {
    std::string quarter;     // "2026-Q1"; empty: the last full quarter
    bool csv = false;        // CSV for finance instead of a table
    std::string config_path; // empty: the built-in example configuration
    std::string db_path;     // empty: the config's store.path
};
// `siren pay`: on-call pay for a quarter (pay_export.cpp, docs/oncall.md).
int export_pay(const pay_command& command);

} // namespace siren
