#pragma once
// `siren shell`: a Slack workspace in the terminal. It runs the same dispatcher, command
// handlers, store and effects runner as the daemon; only the transport differs: lines from the
// terminal (or a script on stdin) come in, and the console workspace prints what siren does.

#include "core/settings.hpp"

#include <iosfwd>
#include <optional>
#include <string>

namespace siren {

struct shell_options {
    std::string db_path;
    std::string user;                // who types first; empty: the first person of the config
    std::optional<time_point> now{}; // a clock that stands still at this instant (see /wait)
    bool interactive = false;        // show prompts; otherwise echo each line read
};

// Returns the process exit code: 0 at end of input or /quit, 1 when the store cannot be opened.
int run_shell(const settings& config, const shell_options& options, std::istream& in,
              std::ostream& out);

} // namespace siren
