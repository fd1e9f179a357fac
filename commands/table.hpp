#pragma once
// Commands are a table: each slash command lists its subcommands with their usage, summary and
// handler. Routing, help, usage errors and "did you mean" suggestions are all made from it, so
// that what help says is what siren accepts.

#include "commands/command.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace siren::commands {

// Where a subcommand may be used.
enum class scope {
    anywhere,
    incident_channel, // only in an incident's channel; the handler gets that incident
};

struct subcommand;

// One use of a subcommand: what was typed, by whom and where, and the state it acts on.
struct request {
    const command_input& input;
    const context& ctx;
    const subcommand& self;
    std::string_view args;          // the text after the subcommand's name, trimmed
    const incident* here = nullptr; // scope::incident_channel: the channel's incident
};

using handler = decision (*)(const request&);

struct subcommand {
    std::string_view name;    // "update"
    std::string_view usage;   // "/119 update [stage=…] …": the whole line, command included
    std::string_view summary; // one line for help
    handler run = nullptr;
    scope where = scope::anywhere;
};

struct command_table {
    std::string_view command;     // "/119"
    std::string_view description; // one line for help and the Slack app manifest
    std::vector<subcommand> subcommands;
    std::string_view when_empty; // the subcommand the command alone runs
};

// Routes input.text to the subcommand its first word names (case-insensitive).
decision run(const command_table& table, const command_input& input, const context& ctx);

// Every subcommand with its usage and summary.
std::string help(const command_table& table);

// "declare | report | list | help"
std::string subcommand_names(const command_table& table);

// A refusal for badly written arguments: what was wrong, then how to write the command.
decision usage_error(const request& r, std::string_view problem);

} // namespace siren::commands
