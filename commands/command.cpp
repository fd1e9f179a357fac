#include "commands/command.hpp"

#include "commands/families.hpp"
#include "commands/table.hpp"
#include "commands/text.hpp"
#include "commands/tokenizer.hpp"

namespace siren::commands {

namespace {

const std::vector<const command_table*>& tables() {
    static const std::vector<const command_table*> all = {
        &incident_commands(), &incident_channel_commands(), &chatops_commands()};
    return all;
}

bool is_valid_input(const command_input& input) {
    if (!is_valid_utf8(input.text))
        return false;
    for (const auto& [key, answer] : input.answers)
        if (!is_valid_utf8(key) || !is_valid_utf8(answer))
            return false;
    return true;
}

} // namespace

decision handle(const command_input& input, const context& ctx) {
    if (input.user.empty())
        return reply_only("siren could not tell who you are, so it did nothing.");
    if (!is_valid_input(input))
        return reply_only("Your command contains bytes that are not text (invalid UTF-8). Type it "
                          "again rather than pasting it.");
    std::string command = lower_ascii(trim(input.command));
    std::vector<std::string_view> names;
    for (const command_table* table : tables()) {
        if (table->command == command)
            return run(*table, input, ctx);
        names.push_back(table->command);
    }
    std::string reply = "Unknown command " + code(input.command) + ".";
    if (auto guess = closest(command, names))
        reply += " Did you mean `" + *guess + "`?";
    return reply_only(reply + " siren answers " + one_of(names) + "; try `/incident help`.");
}

std::vector<command_summary> slash_commands() {
    // The usage hints live as long as the tables: the app manifest is written from them.
    static const std::vector<std::string> hints = [] {
        std::vector<std::string> all;
        for (const command_table* table : tables())
            all.push_back("[" + subcommand_names(*table) + "]");
        return all;
    }();
    std::vector<command_summary> summaries;
    for (std::size_t k = 0; k < tables().size(); ++k)
        summaries.push_back({tables()[k]->command, tables()[k]->description, hints[k]});
    return summaries;
}

std::string subcommand_of(const command_input& input) {
    std::string command = lower_ascii(trim(input.command));
    for (const command_table* table : tables()) {
        if (table->command != command)
            continue;
        auto [typed, rest] = split_first_word(input.text);
        std::string name = lower_ascii(typed.empty() ? table->when_empty : typed);
        for (const subcommand& sub : table->subcommands) {
            if (sub.name != name)
                continue;
            if (name == "run" && lower_ascii(split_first_word(rest).first) == "oncall")
                return "oncall";
            return name;
        }
    }
    return "unknown";
}

} // namespace siren::commands
