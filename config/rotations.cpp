#include "config/checks.hpp"
#include "config/sections.hpp"

namespace siren::config::detail {

namespace {

std::vector<std::string> members(context& ctx, const value& list, const settings& s) {
    std::vector<std::string> out;
    const auto known = handles_of(s);
    for (auto& h : texts(ctx, list, "a list of handles", "a handle"))
        if (check_reference(ctx, h, known, "person",
                            "; every member must be listed under `people:` by handle"))
            out.push_back(std::move(h.text));
    return out;
}

void read_handover(context& ctx, const value& v, std::chrono::weekday& day, minutes& time) {
    const fields f(ctx, v, {"weekday", "time"}, "a map with weekday and time");
    if (auto d = parsed(ctx, f["weekday"], "a weekday (monday to sunday)", parse_weekday))
        day = *d;
    if (auto m = parsed(ctx, f["time"], "a time of day from 00:00 to 23:59", parse_time_of_day))
        time = *m;
}

// External schedules bring their own members; siren's need someone to rotate through.
void check_source(context& ctx, const fields& f, const rotation_settings& r) {
    if (r.source == schedule_source::siren) {
        if (!r.external_id.empty())
            ctx.report(f["external_id"].at,
                       "external_id only applies when source is pagerduty or opsgenie");
        const auto list = f["members"];
        if (lists_nothing(list))
            ctx.report(list.at, "must list at least one person, e.g. `members: [alice, bob]`");
        return;
    }
    const auto source = r.source == schedule_source::pagerduty ? "pagerduty" : "opsgenie";
    const auto id = f["external_id"];
    if (r.external_id.empty() && (!id.given() || id.node.IsScalar()))
        ctx.report(id.at, std::string("a rotation with source ") + source +
                              " needs external_id: the " +
                              (r.source == schedule_source::pagerduty ? "PagerDuty schedule id"
                                                                      : "Opsgenie schedule name"));
    for (auto key : {"members", "secondary"})
        if (f[key].given())
            ctx.report(f[key].at, std::string("a rotation with source ") + source +
                                      " takes its people from the external schedule; remove `" +
                                      key + "`");
}

// A weekly rotation's first hand-over must fall on its hand-over weekday, or every later one
// would fall on the start's weekday instead. `inherited` words a layer's start taken from its
// rotation.
void check_start(context& ctx, const value& at, std::chrono::sys_days start, days length,
                 std::chrono::weekday handover_day, std::string_view inherited = "") {
    if (start == std::chrono::sys_days{} || length % days{7} != days{0})
        return;
    const std::chrono::weekday actual{start};
    if (actual != handover_day)
        ctx.report(at.at, "starts on a " + std::string(weekday_name(actual)) +
                              std::string(inherited) + " but hands over on " +
                              std::string(weekday_name(handover_day)) +
                              "s; pick a start date on that weekday or change "
                              "handover.weekday");
}

// "mon" to "sun" or "monday" to "sunday", any case.
std::optional<std::chrono::weekday> parse_day(std::string_view s) {
    if (auto d = parse_weekday(s))
        return d;
    const auto lower = to_lower(s);
    for (unsigned d = 0; d < 7; ++d)
        if (weekday_name(std::chrono::weekday{d}).substr(0, 3) == lower)
            return std::chrono::weekday{d};
    return std::nullopt;
}

unsigned read_days(context& ctx, const value& list) {
    if (list.given() && lists_nothing(list)) {
        ctx.report(list.at, "must list at least one day; leave `days` out for every day");
        return rotation_restriction{}.weekdays;
    }
    std::vector<std::string_view> names;
    for (unsigned d = 0; d < 7; ++d) {
        names.push_back(weekday_name(std::chrono::weekday{d}).substr(0, 3));
        names.push_back(weekday_name(std::chrono::weekday{d}));
    }
    unsigned out = 0;
    for (const auto& day : texts(ctx, list, "a list of weekdays such as [mon, tue]", "a weekday")) {
        const auto d = parse_day(day.text);
        if (!d) {
            ctx.report(day.at, "expected a weekday (mon to sun, or monday to sunday), got `" +
                                   day.text + "`" +
                                   did_you_mean(closest(to_lower(day.text), names)));
            continue;
        }
        const auto bit = 1u << d->c_encoding();
        if (out & bit)
            ctx.report(day.at, "`" + day.text + "` is listed twice");
        out |= bit;
    }
    return out == 0 ? rotation_restriction{}.weekdays : out;
}

rotation_restriction read_restriction(context& ctx, const value& v) {
    const fields f(ctx, v, {"days", "from", "until"}, "a map with days, from and until");
    rotation_restriction out;
    out.weekdays = read_days(ctx, f["days"]);
    constexpr auto time_of_day = "a time of day from 00:00 to 23:59";
    if (auto m = parsed(ctx, f["from"], time_of_day, parse_time_of_day))
        out.from = *m;
    if (auto m = parsed(ctx, f["until"], time_of_day, parse_time_of_day))
        out.until = *m;
    return out;
}

// Layers over the primary track. What a layer leaves out it takes from its rotation, which must
// have been read already.
std::vector<rotation_layer> read_layers(context& ctx, const value& section,
                                        const rotation_settings& r, const settings& s) {
    std::vector<rotation_layer> out;
    if (!section.given())
        return out;
    if (r.source != schedule_source::siren) {
        ctx.report(section.at,
                   std::string("a rotation with source ") +
                       (r.source == schedule_source::pagerduty ? "pagerduty" : "opsgenie") +
                       " keeps its layers in the external schedule; remove `layers`");
        return out;
    }
    unique_names names("layer");
    for (const auto& item : list_items(ctx, section, "a list of layers")) {
        const fields f(ctx, item, {"name", "members", "length", "handover", "start", "restrict"},
                       "a layer (a map with name, members, ...)");
        rotation_layer l{.name = {},
                         .members = {},
                         .length = r.length,
                         .handover_day = r.handover_day,
                         .handover_time = r.handover_time,
                         .start = r.start,
                         .restriction = {}};
        const auto layer_name = f["name"];
        bool named = false;
        if (auto n = name(ctx, layer_name, "layer")) {
            named = names.add(ctx, {*n, layer_name.at});
            l.name = *n;
        } else if (!layer_name.given()) {
            ctx.report(layer_name.at, "a layer needs a name, e.g. `name: business-hours`");
        }
        const auto list = f["members"];
        l.members = members(ctx, list, s);
        if (lists_nothing(list))
            ctx.report(list.at, "must list at least one person, e.g. `members: [carol, frank]`");
        if (auto length = duration_in_days(ctx, f["length"]))
            l.length = *length;
        read_handover(ctx, f["handover"], l.handover_day, l.handover_time);
        const auto start = f["start"];
        if (auto date = parsed(ctx, start, "a date such as 2026-01-05", parse_date))
            l.start = *date;
        check_start(ctx, start, l.start, l.length, l.handover_day,
                    start.given() ? "" : " (the rotation's start)");
        if (const auto restrict = f["restrict"]; restrict.given())
            l.restriction = read_restriction(ctx, restrict);
        if (named)
            out.push_back(std::move(l));
    }
    return out;
}

} // namespace

void read_rotations(context& ctx, const value& section, settings& out) {
    unique_names names("rotation");
    for (const auto& item : list_items(ctx, section, "a list of rotations")) {
        const fields f(ctx, item,
                       {"name", "description", "members", "secondary", "length", "handover",
                        "time_zone", "start", "source", "external_id", "slack_usergroup", "channel",
                        "layers"},
                       "a rotation (a map with name, members, ...)");
        rotation_settings r;
        const auto rotation_name = f["name"];
        if (auto n = name(ctx, rotation_name, "rotation")) {
            if (names.add(ctx, {*n, rotation_name.at}))
                r.name = *n;
        } else if (!rotation_name.given()) {
            ctx.report(rotation_name.at, "a rotation needs a name, e.g. `name: eoc`");
        }
        if (auto d = text(ctx, f["description"]))
            r.description = *d;
        if (auto s = one_of<schedule_source>(ctx, f["source"],
                                             {{"siren", schedule_source::siren},
                                              {"pagerduty", schedule_source::pagerduty},
                                              {"opsgenie", schedule_source::opsgenie}}))
            r.source = *s;
        if (auto id = text(ctx, f["external_id"]))
            r.external_id = *id;
        r.members = members(ctx, f["members"], out);
        r.secondary = members(ctx, f["secondary"], out);
        check_source(ctx, f, r);
        if (auto length = duration_in_days(ctx, f["length"]))
            r.length = *length;
        read_handover(ctx, f["handover"], r.handover_day, r.handover_time);
        if (auto zone = time_zone(ctx, f["time_zone"], blank::rejected))
            r.time_zone = *zone;
        if (auto date = parsed(ctx, f["start"], "a date such as 2026-01-05", parse_date))
            r.start = *date;
        check_start(ctx, f["start"], r.start, r.length, r.handover_day);
        const auto usergroup = f["slack_usergroup"];
        if (auto g = text(ctx, usergroup)) {
            if (g->empty() || is_slack_usergroup_id(*g))
                r.slack_usergroup = *g;
            else
                ctx.report(usergroup.at,
                           "`" + *g +
                               "` is not a Slack user group id: expected one like S0614TZR7");
        }
        if (auto c = channel(ctx, f["channel"], blank::allowed))
            r.channel = *c;
        r.layers = read_layers(ctx, f["layers"], r, out);
        if (!r.name.empty())
            out.rotations.push_back(std::move(r));
    }
}

} // namespace siren::config::detail
