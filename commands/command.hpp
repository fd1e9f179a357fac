#pragma once
// The entry point of siren's command language. A transport (Slack, the shell) turns what a person
// typed into a command_input; handle() decides; the dispatcher stores the decision and the
// effects runner carries it out. Nothing here reads a clock, a socket or a database.

#include "core/decision.hpp"
#include "core/incident_view.hpp"
#include "core/settings.hpp"

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace siren::commands {

struct command_input {
    std::string command; // the slash command with its slash: "/incident", "/119", "/chatops"
    std::string text;    // everything after it, as typed (may be empty)
    user_id user;        // who typed it
    std::string channel; // where: the platform's channel id, or the name in the shell
    // Answers to a form (decision::form) the person filled in, by form_field::key. When present,
    // `text` names the subcommand only ("declare") and the answers replace its arguments.
    std::map<std::string, std::string> answers{};
};

struct context {
    const settings& config;
    const incident_view& incidents;
    const directory& people;
    time_point now;
};

// Decides what a command does. Never throws for any input; malformed input gets a reply that
// says what was wrong and how to write it, and changes nothing.
decision handle(const command_input& input, const context& ctx);

// The slash commands siren answers, with their one-line descriptions (for help and the Slack
// app manifest).
struct command_summary {
    std::string_view command;
    std::string_view description;
    std::string_view usage_hint;
};
std::vector<command_summary> slash_commands();

// The subcommand a command names ("declare", "update"; "oncall" for `/chatops run oncall …`),
// or "unknown": a name from the tables, never free text, so that it can label a metric.
std::string subcommand_of(const command_input& input);

} // namespace siren::commands
