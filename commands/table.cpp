#include "commands/table.hpp"

#include "commands/text.hpp"
#include "commands/tokenizer.hpp"

namespace siren::commands {

namespace {

std::string usage_line(const subcommand& sub) {
    return "Usage: `" + std::string(sub.usage) + "`";
}

decision unknown_subcommand(const command_table& table, std::string_view typed) {
    std::vector<std::string_view> names;
    for (const auto& sub : table.subcommands)
        names.push_back(sub.name);
    std::string reply =
        "Unknown command " + code(std::string(table.command) + " " + std::string(typed)) + ".";
    if (auto guess = closest(typed, names)) {
        reply += " Did you mean `" + *guess + "`?";
        for (const auto& sub : table.subcommands)
            if (sub.name == *guess)
                reply += "\n" + usage_line(sub);
        return reply_only(reply);
    }
    reply += " Try " + one_of(names) + "; `" + std::string(table.command) + " help` explains them.";
    return reply_only(reply);
}

} // namespace

decision run(const command_table& table, const command_input& input, const context& ctx) {
    auto [typed, args] = split_first_word(input.text);
    std::string name = lower_ascii(typed.empty() ? table.when_empty : typed);
    const subcommand* sub = nullptr;
    for (const auto& s : table.subcommands)
        if (s.name == name)
            sub = &s;
    if (!sub)
        return unknown_subcommand(table, typed);
    std::optional<incident> here;
    if (sub->where == scope::incident_channel) {
        here = ctx.incidents.find_by_channel(input.channel);
        if (!here)
            return reply_only("These commands are only available in incident channels. Use "
                              "`/incident list` to find one.");
    }
    return sub->run(request{input, ctx, *sub, args, here ? &*here : nullptr});
}

std::string help(const command_table& table) {
    std::string text = "*" + std::string(table.command) + "* — " + std::string(table.description);
    for (const auto& sub : table.subcommands)
        text.append("\n• `").append(sub.usage).append("`\n    ").append(sub.summary);
    return text;
}

std::string subcommand_names(const command_table& table) {
    std::string names;
    for (const auto& sub : table.subcommands)
        names.append(names.empty() ? "" : " | ").append(sub.name);
    return names;
}

decision usage_error(const request& r, std::string_view problem) {
    return reply_only(std::string(problem) + "\n" + usage_line(r.self));
}

} // namespace siren::commands
