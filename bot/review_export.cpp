// `siren review export`: an incident's review draft from the database, for people who write the
// review outside Slack.

#include "bot/app.hpp"
#include "bot/file_writer.hpp"
#include "bot/offline_store.hpp"
#include "commands/review_markdown.hpp"

#include <charconv>
#include <iostream>

namespace siren {

namespace {

std::optional<incident_id> incident_number(std::string_view typed) {
    if (!typed.empty() && typed.front() == '#')
        typed.remove_prefix(1);
    incident_id id = 0;
    auto [end, error] = std::from_chars(typed.data(), typed.data() + typed.size(), id);
    if (error != std::errc() || end != typed.data() + typed.size() || id <= 0)
        return std::nullopt;
    return id;
}

} // namespace

int export_review(const review_export_command& command) {
    auto id = incident_number(command.incident);
    if (!id) {
        std::cerr << "siren: `" << command.incident << "` is not an incident number (12 or #12)\n";
        return exit_usage;
    }
    offline_store state;
    if (int code = open_offline(command.config_path, command.db_path, state); code != exit_ok)
        return code;
    auto found = state.store->find(*id);
    if (!found) {
        std::cerr << "siren: the database has no incident #" << *id << '\n';
        return exit_failure;
    }
    std::string markdown = commands::review_markdown(*found, *state.store, state.config);
    if (command.out_path.empty()) {
        std::cout << markdown;
        return exit_ok;
    }
    if (auto written = write_file_whole(command.out_path, markdown); !written) {
        std::cerr << "siren: " << written.error().message << '\n';
        return exit_failure;
    }
    std::cerr << "siren: wrote the review of #" << *id << " to " << command.out_path << '\n';
    return exit_ok;
}

} // namespace siren
