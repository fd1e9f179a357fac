// The `alerts:` section: how alerts from Alertmanager are routed (docs/config.md#alerts).

#include "config/sections.hpp"

#include <algorithm>
#include <regex>

namespace siren::config::detail {

namespace {

// Prometheus label names: [a-zA-Z_][a-zA-Z0-9_]*.
bool is_label_name(std::string_view s) {
    auto letter = [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    };
    if (s.empty() || !letter(s.front()))
        return false;
    return std::all_of(s.begin(), s.end(),
                       [&](char c) { return letter(c) || (c >= '0' && c <= '9'); });
}

bool is_regex(const std::string& pattern, std::string& why) {
    try {
        std::regex compiled(pattern, std::regex::ECMAScript);
        return true;
    } catch (const std::regex_error& e) {
        why = e.what();
        return false;
    }
}

// Label name → value (or pattern) maps of a route.
std::map<std::string, std::string> matchers(context& ctx, const value& map, bool patterns) {
    std::map<std::string, std::string> out;
    std::string_view expected =
        patterns ? "a map of label names to regular expressions" : "a map of label names to values";
    for (const auto& e : map_entries(ctx, map, expected)) {
        const place at{e.key_line, e.val.at.path};
        if (!is_label_name(e.key)) {
            ctx.report(at, "`" + e.key +
                               "` is not a label name (letters, digits and _, not starting "
                               "with a digit)");
            continue;
        }
        if (!e.val.given()) {
            ctx.report(at, patterns ? "expected a regular expression, got nothing"
                                    : "expected the label's value, got nothing; write \"\" for "
                                      "an empty or missing label");
            continue;
        }
        auto text_value = text(ctx, e.val, patterns ? "a regular expression" : "a label value");
        if (!text_value)
            continue;
        std::string why;
        if (patterns && !is_regex(*text_value, why)) {
            ctx.report(e.val.at, "`" + *text_value + "` is not a regular expression: " + why);
            continue;
        }
        out.emplace(e.key, std::move(*text_value));
    }
    return out;
}

// Whether a route's matchers, as written, are empty: it takes every alert.
bool matches_everything(const fields& f) {
    auto empty = [](const value& v) {
        return !v.given() || (v.node.IsMap() && v.node.size() == 0);
    };
    return empty(f["match"]) && empty(f["match_re"]);
}

struct read_route_result {
    alert_route route;
    bool takes_every_alert = false;
};

read_route_result read_route(context& ctx, const value& item, const settings& out) {
    const fields f(ctx, item, {"match", "match_re", "action", "severity", "rotation", "fallback"},
                   "a route (a map with match, action, ...)");
    alert_route route;
    route.match = matchers(ctx, f["match"], false);
    route.match_re = matchers(ctx, f["match_re"], true);
    const auto action = f["action"];
    if (auto a = one_of<alert_action>(ctx, action,
                                      {{"declare", alert_action::declare},
                                       {"attach", alert_action::attach},
                                       {"page", alert_action::page},
                                       {"ignore", alert_action::ignore}}))
        route.action = *a;
    else if (!action.given())
        ctx.report(action.at, "a route needs an action: declare, attach, page or ignore");
    const auto level = f["severity"];
    if (auto s = text(ctx, level, "a severity")) {
        if (auto found = out.find_severity(*s))
            route.level = *found;
        else if (!s->empty())
            ctx.report(level.at,
                       "unknown severity `" + *s + "`: expected S0 to S4 or one of their aliases");
    }
    const auto rotation = f["rotation"];
    if (auto r = text(ctx, rotation, "a rotation name"))
        if (!r->empty() && check_reference(ctx, {*r, rotation.at}, names_of(out.rotations),
                                           "rotation", "; rotations are listed under `rotations:`"))
            route.rotation = *r;
    const auto fallback = f["fallback"];
    if (fallback.given() && route.action != alert_action::attach)
        ctx.report(fallback.at, "`fallback` is for `action: attach` only: it says what an alert "
                                "does when its service has no open incident");
    else if (auto a = one_of<alert_action>(ctx, fallback,
                                           {{"page", alert_action::page},
                                            {"declare", alert_action::declare},
                                            {"ignore", alert_action::ignore}}))
        route.fallback = *a;
    return {std::move(route), item.node.IsMap() && matches_everything(f)};
}

} // namespace

void read_alerts(context& ctx, const value& section, settings& out) {
    const fields f(ctx, section, {"token", "token_file", "service_label", "routes"});
    auto& alerts = out.alerts;
    alerts.token = read_secret(ctx, f, "token", "SIREN_ALERTMANAGER_TOKEN");
    const auto label = f["service_label"];
    if (auto l = text(ctx, label, "a label name")) {
        if (is_label_name(*l))
            alerts.service_label = *l;
        else
            ctx.report(label.at, "expected a label name such as service, got `" + *l + "`");
    }
    int catch_all_line = 0; // of the first route that takes every alert
    for (const auto& item : list_items(ctx, f["routes"], "a list of routes")) {
        if (catch_all_line > 0)
            ctx.report(item.at, "this route is never used: the route on line " +
                                    std::to_string(catch_all_line) +
                                    " has no match and takes every alert first");
        auto read = read_route(ctx, item, out);
        if (read.takes_every_alert && catch_all_line == 0)
            catch_all_line = std::max(item.at.line, 1);
        alerts.routes.push_back(std::move(read.route));
    }
}

} // namespace siren::config::detail
