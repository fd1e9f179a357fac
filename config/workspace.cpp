#include "config/checks.hpp"
#include "config/sections.hpp"

namespace siren::config::detail {

void read_workspace(context& ctx, const value& section, settings& out) {
    const fields f(ctx, section,
                   {"name", "announce_channel", "channel_prefix", "channel_date_format",
                    "time_zone", "default_severity", "duplicate_window", "archive_after"});
    auto& w = out.workspace;
    if (auto n = text(ctx, f["name"]))
        w.name = *n;
    if (auto c = channel(ctx, f["announce_channel"], blank::rejected))
        w.announce_channel = *c;
    const auto prefix = f["channel_prefix"];
    if (auto p = text(ctx, prefix)) {
        if (is_channel_prefix(*p))
            w.channel_prefix = *p;
        else
            ctx.report(prefix.at, "`" + *p +
                                      "` cannot start a Slack channel name: use lower-case "
                                      "letters, digits, '-' and '_'");
    }
    const auto date_format = f["channel_date_format"];
    if (auto d = text(ctx, date_format)) {
        if (is_channel_date_format(*d))
            w.channel_date_format = *d;
        else
            ctx.report(date_format.at,
                       "`" + *d +
                           "` would not make a valid channel name: use only %Y, %m, %d, %y, %j "
                           "and lower-case letters, digits, '-' and '_'");
    }
    if (auto zone = time_zone(ctx, f["time_zone"], blank::rejected))
        w.time_zone = *zone;
    // Read after the severities, so that an alias such as P2 is understood.
    const auto default_severity = f["default_severity"];
    if (auto s = text(ctx, default_severity, "a severity")) {
        if (auto level = out.find_severity(*s))
            w.default_severity = *level;
        else
            ctx.report(default_severity.at,
                       "unknown severity `" + *s + "`: expected S0 to S4 or one of their aliases");
    }
    if (auto window = duration_in_minutes(ctx, f["duplicate_window"], zero::allowed))
        w.duplicate_window = *window;
    if (auto after = duration_in_seconds(ctx, f["archive_after"], zero::allowed))
        w.archive_after = *after;
}

void read_roles(context& ctx, const value& section, settings& out) {
    for (const auto& e : map_entries(ctx, section, "a map from ic, tl, cl, em to duties")) {
        const auto r = parse_role(e.key);
        if (!r || to_key(*r) != e.key) {
            ctx.report({e.key_line, e.val.at.path},
                       "unknown role `" + e.key + "`: expected ic, tl, cl or em" +
                           did_you_mean(r ? to_key(*r) : closest(e.key, {"ic", "tl", "cl", "em"})));
            continue;
        }
        const fields f(ctx, e.val, {"duties"}, "a map with duties");
        if (auto duties = text(ctx, f["duties"]))
            out.roles.push_back({*r, *duties});
    }
}

} // namespace siren::config::detail
