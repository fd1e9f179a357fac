#include "config/sections.hpp"

#include <algorithm>

namespace siren::config::detail {

namespace {

// "eoc" (the primary track), "eoc:secondary", or "@carol" (one person).
bool check_target(context& ctx, const located_text& target, const settings& s) {
    if (!target.text.empty() && target.text.front() == '@')
        return check_reference(ctx, {target.text.substr(1), target.at}, handles_of(s), "person",
                               "; every person must be listed under `people:` by handle");
    const auto colon = target.text.find(':');
    const auto rotation = target.text.substr(0, colon);
    if (colon != std::string::npos && target.text.substr(colon + 1) != "secondary") {
        ctx.report(target.at, "unknown target `" + target.text +
                                  "`: expected a rotation (eoc), its secondary track "
                                  "(eoc:secondary) or a person (@carol)");
        return false;
    }
    const auto handles = handles_of(s);
    const bool is_person = std::find(handles.begin(), handles.end(), rotation) != handles.end();
    if (!check_reference(ctx, {rotation, target.at}, names_of(s.rotations), "rotation",
                         is_person ? "; to page a person, write `@" + rotation + "`" : ""))
        return false;
    const auto* r = s.find_rotation(rotation);
    if (colon != std::string::npos && r->source == schedule_source::siren && r->secondary.empty()) {
        ctx.report(target.at, "rotation `" + rotation +
                                  "` has no secondary track: list `secondary:` people for it");
        return false;
    }
    return true;
}

escalation_level read_level(context& ctx, const value& v, const settings& s) {
    const fields f(ctx, v, {"targets", "after"}, "a level (a map with targets and after)");
    escalation_level level;
    const auto targets = f["targets"];
    for (auto& t : texts(ctx, targets, "a list of targets", "a target"))
        if (check_target(ctx, t, s))
            level.targets.push_back(std::move(t.text));
    if (lists_nothing(targets))
        ctx.report(targets.at, "a level needs targets, e.g. `targets: [eoc]`");
    if (auto after = duration_in_seconds(ctx, f["after"], zero::rejected))
        level.ack_timeout = *after;
    return level;
}

} // namespace

void read_escalations(context& ctx, const value& section, settings& out) {
    unique_names names("escalation policy");
    for (const auto& item : list_items(ctx, section, "a list of escalation policies")) {
        const fields f(ctx, item,
                       {"name", "levels", "repeat", "investigating_limit", "investigating_target"},
                       "an escalation policy (a map with name, levels and repeat)");
        escalation_policy policy;
        const auto policy_name = f["name"];
        if (auto n = name(ctx, policy_name, "escalation policy")) {
            if (names.add(ctx, {*n, policy_name.at}))
                policy.name = *n;
        } else if (!policy_name.given()) {
            ctx.report(policy_name.at, "an escalation policy needs a name, e.g. `name: default`");
        }
        const auto levels = f["levels"];
        for (const auto& level : list_items(ctx, levels, "a list of levels"))
            policy.levels.push_back(read_level(ctx, level, out));
        if (lists_nothing(levels))
            ctx.report(levels.at, "an escalation policy needs at least one level, e.g. "
                                  "`levels: [{targets: [eoc], after: 5m}]`");
        if (auto repeat = whole_number(ctx, f["repeat"], 0, 10))
            policy.repeat = *repeat;
        if (auto limit = duration_in_seconds(ctx, f["investigating_limit"], zero::allowed))
            policy.investigating_limit = *limit;
        const auto target = f["investigating_target"];
        if (auto t = text(ctx, target, "a target such as imoc");
            t && check_target(ctx, {*t, target.at}, out))
            policy.investigating_target = *t;
        if (!policy.name.empty())
            out.escalations.push_back(std::move(policy));
    }
}

} // namespace siren::config::detail
