#include "config/checks.hpp"
#include "config/sections.hpp"

#include <array>
#include <map>

namespace siren::config::detail {

namespace {

std::string status_keys() {
    std::string keys;
    for (auto s : all_public_statuses)
        keys += (keys.empty() ? "" : ", ") + std::string(to_key(s));
    return keys;
}

class policy_reader {
public:
    policy_reader(context& ctx, const settings& s)
        : ctx_(ctx)
        , settings_(s) {}

    severity_policy read(const entry& e, severity level) {
        severity_policy p;
        p.level = level;
        const fields f(ctx_, e.val,
                       {"aliases", "description", "page", "escalation", "announce", "status_page",
                        "update_every", "public_update_every", "fill_roles", "initial_status",
                        "bridge"},
                       "a severity policy (a map with page, announce, ...)");
        p.aliases = aliases(f["aliases"]);
        if (auto d = text(ctx_, f["description"]))
            p.description = *d;
        if (auto bridge = url(ctx_, f["bridge"], blank::allowed))
            p.bridge = *bridge;
        p.page = page(f, e);
        const auto escalation = f["escalation"];
        if (auto policy = text(ctx_, escalation, "an escalation policy name"))
            if (!policy->empty() &&
                check_reference(ctx_, {*policy, escalation.at}, names_of(settings_.escalations),
                                "escalation policy",
                                "; escalation policies are listed under `escalations:`"))
                p.escalation = *policy;
        if (auto announce = flag(ctx_, f["announce"]))
            p.announce = *announce;
        if (auto status_page = flag(ctx_, f["status_page"]))
            p.status_page = *status_page;
        if (auto every = duration_in_minutes(ctx_, f["update_every"], zero::allowed))
            p.update_every = *every;
        if (auto every = duration_in_minutes(ctx_, f["public_update_every"], zero::allowed))
            p.public_update_every = *every;
        p.fill_roles = fill_roles(f["fill_roles"]);
        if (auto status =
                parsed(ctx_, f["initial_status"], "one of " + status_keys(), parse_public_status))
            p.initial_status = *status;
        return p;
    }

private:
    // Whom a severity pages must be a decision, even if it is "nobody": a forgotten `page:` on
    // S1 would otherwise page no one in the worst incidents.
    std::vector<std::string> page(const fields& f, const entry& e) {
        std::vector<std::string> rotations;
        const auto list = f["page"];
        if (!f.has("page")) {
            if (!e.val.given() || e.val.node.IsMap())
                ctx_.report(f.at(), "severity has no page policy: add `page: [eoc]` or `page: []`");
            return rotations;
        }
        if (!list.given()) {
            ctx_.report(list.at, "expected a list of rotation names, got nothing; write "
                                 "`page: []` to page nobody");
            return rotations;
        }
        for (auto& r : texts(ctx_, list, "a list of rotation names", "a rotation name"))
            if (check_reference(ctx_, r, names_of(settings_.rotations), "rotation",
                                "; rotations are listed under `rotations:`"))
                rotations.push_back(std::move(r.text));
        return rotations;
    }

    // `fill_roles: {tl: 15m}`: the IC needs no nudge to be filled, so only TL, CL and EM.
    std::map<role, minutes> fill_roles(const value& map) {
        std::map<role, minutes> within;
        for (const auto& e : map_entries(ctx_, map, "a map from roles (tl, cl, em) to durations")) {
            auto which = parse_role(e.key);
            if (!which || *which == role::ic) {
                ctx_.report({e.key_line, e.val.at.path},
                            "expected one of tl, cl, em, got `" + e.key + "`");
                continue;
            }
            if (auto after = duration_in_minutes(ctx_, e.val, zero::rejected))
                within[*which] = *after;
        }
        return within;
    }

    // Aliases are matched without regard to case, across all severities.
    std::vector<std::string> aliases(const value& list) {
        std::vector<std::string> out;
        for (auto& a : texts(ctx_, list, "a list of aliases", "an alias")) {
            if (parse_severity(a.text)) {
                ctx_.report(a.at, "alias `" + a.text + "` looks like a severity (S0 to S4)");
                continue;
            }
            if (!is_alias(a.text)) {
                ctx_.report(a.at, "alias `" + a.text +
                                      "` must be letters, digits, '-' and '_', such as P1");
                continue;
            }
            if (aliases_.add(ctx_, {to_lower(a.text), a.at}))
                out.push_back(std::move(a.text));
        }
        return out;
    }

    context& ctx_;
    const settings& settings_;
    unique_names aliases_{"alias"};
};

} // namespace

void read_severities(context& ctx, const value& section, settings& out) {
    if (!section.given()) {
        ctx.report({0, section.at.path}, "missing: define S0 to S4, each with a page policy, e.g. "
                                         "`S1: { page: [eoc] }` or `S4: { page: [] }`");
        return;
    }
    std::array<std::optional<severity_policy>, std::size(all_severities)> policies;
    policy_reader reader(ctx, out);
    for (const auto& e : map_entries(ctx, section, "a map from S0..S4 to severity policies")) {
        const auto level = parse_severity(e.key);
        if (!level) {
            ctx.report({e.key_line, e.val.at.path},
                       "unknown severity `" + e.key +
                           "`: expected S0 to S4 (aliases such as P1 go under `aliases:`)");
            continue;
        }
        auto& slot = policies[static_cast<std::size_t>(*level)];
        if (slot) {
            ctx.report({e.key_line, e.val.at.path},
                       "severity " + std::string(to_string(*level)) + " is defined twice");
            continue;
        }
        slot = reader.read(e, *level);
    }
    for (auto level : all_severities) {
        auto& slot = policies[static_cast<std::size_t>(level)];
        if (slot)
            out.severities.push_back(std::move(*slot));
        else if (section.node.IsMap())
            ctx.report({section.at.line, "severities." + std::string(to_string(level))},
                       "missing: every severity S0 to S4 needs a policy, e.g. `" +
                           std::string(to_string(level)) + ": { page: [] }`");
    }
}

} // namespace siren::config::detail
