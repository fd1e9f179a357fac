// `siren pay`: a quarter's on-call pay from the database, as a table or as CSV for finance.

#include "bot/app.hpp"
#include "bot/clock.hpp"
#include "bot/offline_store.hpp"
#include "bot/people_directory.hpp"
#include "commands/oncall_pay.hpp"

#include <iostream>

namespace siren {

int export_pay(const pay_command& command) {
    offline_store state;
    if (int code = open_offline(command.config_path, command.db_path, state); code != exit_ok)
        return code;
    system_clock clock;
    auto quarter = commands::pay_quarter(command.quarter, clock.now());
    if (!quarter) {
        std::cerr << "siren: " << quarter.error() << '\n';
        return exit_usage;
    }
    // Offline there is no Slack: people are named by their handles.
    people_directory people(state.config, *state.store, identity::handle);
    commands::context ctx{state.config, *state.store, people, clock.now()};
    auto lines = commands::make_pay(*quarter, ctx);
    std::cout << (command.csv ? commands::pay_csv(lines, ctx)
                              : commands::render_pay(*quarter, lines, ctx) + "\n");
    return exit_ok;
}

} // namespace siren
