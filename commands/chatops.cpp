// /chatops: on-call questions and jobs. `run` runs a job; `oncall`, the only one, answers who is
// on call and sets, lists and removes overrides and covers (oncall.hpp names its files).

#include "commands/families.hpp"
#include "commands/oncall.hpp"
#include "commands/text.hpp"
#include "commands/tokenizer.hpp"

namespace siren::commands {

namespace {

// The forms of `/chatops run oncall`, for routing, usage errors and help.
const std::vector<subcommand>& oncall_actions() {
    static const std::vector<subcommand> actions = {
        {"prod", "/chatops run oncall [prod]",
         "Who holds EOC, IMOC and CMOC now, until when, and who is next.", oncall::summary_action},
        {"rotation", "/chatops run oncall <rotation> [now|next|week]",
         "One rotation: who is on call now, the next shifts, or every shift of the next 7 days.",
         oncall::rotation_action},
        {"override", "/chatops run oncall override <rotation>[:secondary] @user <from> <until>",
         "Have someone cover a track. Times: `now`, `+2h`, `2026-03-27T18:00Z` (UTC), "
         "`2026-03-27 18:00` (your time zone).",
         oncall::override_action},
        {"overrides", "/chatops run oncall overrides [rotation]",
         "The overrides that have not ended, with their ids.", oncall::overrides_action},
        {"remove", "/chatops run oncall override remove <id>",
         "Remove an override: whoever set it, covers, or is covered by it may.",
         oncall::remove_action},
        {"cover", "/chatops run oncall cover [rotation] @user [hours]",
         "Hand the rest of your shift, or some hours of it, to someone.", oncall::cover_action},
        {"report", "/chatops run oncall report [week|YYYY-Www]",
         "Shifts, pages, incidents and MTTA/MTTR per person of a week (default: last week).",
         oncall::report_action},
        {"pay", "/chatops run oncall pay [YYYY-Qn]",
         "Each person's on-call fee and incident pay for a quarter (default: the last one).",
         oncall::pay_action},
    };
    return actions;
}

decision act(const request& r, std::string_view action, std::string_view args) {
    for (const auto& a : oncall_actions())
        if (a.name == action)
            return a.run(request{r.input, r.ctx, a, args});
    return reply_only("siren has no on-call action " + code(action) + "."); // not reached
}

std::string oncall_help() {
    std::string text = "*/chatops run oncall* — who is on call, overrides and covers";
    for (const auto& a : oncall_actions())
        text.append("\n• `").append(a.usage).append("`\n    ").append(a.summary);
    return text;
}

decision oncall_job(const request& r, std::string_view args) {
    auto [first, rest] = split_first_word(args);
    std::string name = lower_ascii(first);
    if (name.empty() || name == "prod")
        return act(r, "prod", rest);
    if (name == "help")
        return reply_only(oncall_help());
    if (name == "override") {
        auto [second, after] = split_first_word(rest);
        if (lower_ascii(second) == "remove")
            return act(r, "remove", after);
        return act(r, "override", rest);
    }
    if (name == "overrides" || name == "cover" || name == "report" || name == "pay")
        return act(r, name, rest);
    if (r.ctx.config.find_rotation(name))
        return act(r, "rotation", args);
    std::vector<std::string_view> names = {"prod",   "override", "overrides", "cover",
                                           "report", "pay",      "help"};
    for (const auto& rotation : r.ctx.config.rotations)
        names.push_back(rotation.name);
    std::string reply = "Unknown rotation or action " + code(first) + ".";
    if (auto guess = closest(name, names))
        reply += " Did you mean `" + *guess + "`?";
    else
        reply += " Use " + one_of(names) + ".";
    return reply_only(reply + " `/chatops run oncall help` explains them.");
}

decision run_command(const request& r) {
    auto [job, rest] = split_first_word(r.args);
    std::string name = lower_ascii(job);
    if (name == "oncall")
        return oncall_job(r, rest);
    if (name.empty())
        return usage_error(r, "Name a job to run: `oncall` is the only one.");
    std::string reply = "Unknown job " + code(job) + ".";
    if (auto guess = closest(name, {"oncall"}))
        reply += " Did you mean `" + *guess + "`?";
    else
        reply += " The only job is `oncall`.";
    return usage_error(r, reply);
}

decision help_command(const request& r) {
    if (!r.args.empty())
        return usage_error(r, "`/chatops help` takes no arguments.");
    return reply_only(help(chatops_commands()) + "\n" + oncall_help());
}

} // namespace

const command_table& chatops_commands() {
    static const command_table table{
        "/chatops",
        "On-call questions and jobs",
        {
            {"run", "/chatops run <job> [arguments]",
             "Run a job. `oncall`: who is on call, overrides and covers "
             "(`/chatops run oncall help`).",
             run_command},
            {"help", "/chatops help", "This help.", help_command},
        },
        "help",
    };
    return table;
}

} // namespace siren::commands