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

void read_handover(context& ctx, const value& v, rotation_settings& r) {
    const fields f(ctx, v, {"weekday", "time"}, "a map with weekday and time");
    if (auto d = parsed(ctx, f["weekday"], "a weekday (monday to sunday)", parse_weekday))
        r.handover_day = *d;
    if (auto m = parsed(ctx, f["time"], "a time of day from 00:00 to 23:59", parse_time_of_day))
        r.handover_time = *m;
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
// would fall on the start's weekday instead.
void check_start(context& ctx, const value& start, const rotation_settings& r) {
    if (r.start == std::chrono::sys_days{} || r.length % days{7} != days{0})
        return;
    const std::chrono::weekday actual{r.start};
    if (actual != r.handover_day)
        ctx.report(start.at, "starts on a " + std::string(weekday_name(actual)) +
                                 " but hands over on " + std::string(weekday_name(r.handover_day)) +
                                 "s; pick a start date on that weekday or change "
                                 "handover.weekday");
}

} // namespace

void read_rotations(context& ctx, const value& section, settings& out) {
    unique_names names("rotation");
    for (const auto& item : list_items(ctx, section, "a list of rotations")) {
        const fields f(ctx, item,
                       {"name", "description", "members", "secondary", "length", "handover",
                        "time_zone", "start", "source", "external_id", "slack_usergroup",
                        "channel"},
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
        read_handover(ctx, f["handover"], r);
        if (auto zone = time_zone(ctx, f["time_zone"], blank::rejected))
            r.time_zone = *zone;
        if (auto date = parsed(ctx, f["start"], "a date such as 2026-01-05", parse_date))
            r.start = *date;
        check_start(ctx, f["start"], r);
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
        if (!r.name.empty())
            out.rotations.push_back(std::move(r));
    }
}

} // namespace siren::config::detail
