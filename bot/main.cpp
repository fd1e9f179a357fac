// The `siren` program: parses the command line and hands over to the composition root.

#include "bot/app.hpp"

#include <iostream>

#include <CLI/CLI.hpp>

int main(int argc, char** argv) {
    using namespace siren;
    CLI::App app{"siren: an incident commander for Slack"};
    app.require_subcommand(1);

    global_options globals;
    std::string format, level;
    app.add_option("--log-format", format,
                   "Log lines as human text or JSON (default: the config's)")
        ->check(CLI::IsMember({"human", "json"}));
    app.add_option("--log-level", level, "trace, debug, info, warn, error or off");

    std::string config_path;
    auto* run = app.add_subcommand("run", "Run the daemon: Slack in, effects out");
    run->add_option("--config", config_path, "The configuration file (YAML)")
        ->required()
        ->check(CLI::ExistingFile);

    shell_command shell_args;
    auto* shell_cmd =
        app.add_subcommand("shell", "A Slack workspace in the terminal, to try or script siren");
    shell_cmd
        ->add_option("--config", shell_args.config_path,
                     "The configuration file (default: the built-in example)")
        ->check(CLI::ExistingFile);
    shell_cmd->add_option("--db", shell_args.db_path,
                          "The SQLite database (default: the config's store.path)");
    shell_cmd->add_option("--as", shell_args.user, "Who types first (default: the first person)");
    shell_cmd->add_option(
        "--now", shell_args.now,
        "Start a clock that stands still at this time (ISO 8601); /wait moves it");

    std::string check_path;
    bool print = false;
    auto* check = app.add_subcommand("check-config", "Validate a configuration file");
    check->add_option("file", check_path, "The configuration file (YAML)")->required();
    check->add_flag("--print", print, "Print the effective configuration, secrets redacted");

    std::string db_path;
    auto* migrate_cmd = app.add_subcommand("migrate", "Create or upgrade the database schema");
    migrate_cmd->add_option("--db", db_path, "The SQLite database")->required();

    review_export_command export_args;
    auto* review_cmd = app.add_subcommand("review", "Incident reviews (postmortems)");
    review_cmd->require_subcommand(1);
    auto* export_cmd =
        review_cmd->add_subcommand("export", "Write an incident's review draft in Markdown");
    export_cmd->add_option("incident", export_args.incident, "The incident: 12 or #12")->required();
    export_cmd
        ->add_option("--config", export_args.config_path,
                     "The configuration file (default: the built-in example)")
        ->check(CLI::ExistingFile);
    export_cmd->add_option("--db", export_args.db_path,
                           "The SQLite database (default: the config's store.path)");
    export_cmd->add_option("--out", export_args.out_path,
                           "The file to write (default: standard output)");

    pay_command pay_args;
    auto* pay_cmd = app.add_subcommand("pay", "On-call pay for a quarter");
    pay_cmd->add_option("--quarter", pay_args.quarter,
                        "The quarter, e.g. 2026-Q1 (default: the last full quarter)");
    pay_cmd->add_flag("--csv", pay_args.csv, "CSV for finance instead of a table");
    pay_cmd
        ->add_option("--config", pay_args.config_path,
                     "The configuration file (default: the built-in example)")
        ->check(CLI::ExistingFile);
    pay_cmd->add_option("--db", pay_args.db_path,
                        "The SQLite database (default: the config's store.path)");

    auto* version = app.add_subcommand("version", "Print siren's version");

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        int code = app.exit(e);
        return code == 0 ? exit_ok : exit_usage;
    }
    if (!format.empty())
        globals.format = format == "json" ? log_format::json : log_format::human;
    if (!level.empty())
        globals.level = level;

    if (*run)
        return run_daemon(config_path, globals);
    if (*shell_cmd)
        return shell(shell_args, globals);
    if (*check)
        return check_config(check_path, print);
    if (*migrate_cmd)
        return migrate(db_path);
    if (*export_cmd)
        return export_review(export_args);
    if (*pay_cmd)
        return export_pay(pay_args);
    if (*version)
        std::cout << "siren " << SIREN_VERSION << '\n';
    return exit_ok;
}
