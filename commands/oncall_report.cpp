// The on-call report (oncall_report.hpp).

#include "commands/oncall_report.hpp"

#include "commands/incident_time.hpp"
#include "commands/oncall.hpp"
#include "commands/text_table.hpp"

#include <algorithm>
#include <map>
#include <numeric>

namespace siren::commands {

namespace {

std::optional<seconds> median(std::vector<seconds> values) {
    if (values.empty())
        return std::nullopt;
    std::sort(values.begin(), values.end());
    std::size_t n = values.size();
    return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

std::optional<seconds> mean(const std::vector<seconds>& values) {
    if (values.empty())
        return std::nullopt;
    return std::accumulate(values.begin(), values.end(), seconds{0}) /
           static_cast<long>(values.size());
}

std::string rotation_of_page(const page_record& p) {
    if (p.rotation.empty() || p.rotation.front() == '@')
        return "direct";
    return p.rotation.substr(0, p.rotation.find(':'));
}

report_rotation_row& row_of(report_rotation& r, const user_id& person) {
    for (auto& row : r.rows)
        if (row.person == person)
            return row;
    return r.rows.emplace_back(report_rotation_row{.person = person});
}

void add_shifts(report_rotation& out, const rotation_settings& r, track which,
                const report_period& period, const context& ctx) {
    auto shifts = ctx.people.shifts(oncall::track_name(r, which), period.from, period.until);
    for (std::size_t k = 0; k < shifts.size();) {
        shift s = oncall::stretch(shifts, k);
        auto& row = row_of(out, s.person);
        ++row.shifts;
        row.on_call += std::min(s.end, period.until) - std::max(s.start, period.from);
    }
}

std::vector<page_record> pages_in(const report_period& period, const context& ctx) {
    auto pages = ctx.incidents.pages_sent_since(period.from);
    std::erase_if(pages, [&](const page_record& p) { return p.sent_at >= period.until; });
    return pages;
}

std::vector<report_rotation> rotations_of(const report_period& period,
                                          const std::vector<page_record>& pages,
                                          const context& ctx) {
    std::vector<report_rotation> out;
    for (const auto& r : ctx.config.rotations) {
        report_rotation each{r.name, {}};
        add_shifts(each, r, track::primary, period, ctx);
        add_shifts(each, r, track::secondary, period, ctx);
        out.push_back(std::move(each));
    }
    std::map<std::pair<std::string, user_id>, std::vector<seconds>> waits;
    for (const page_record& p : pages) {
        std::string name = rotation_of_page(p);
        auto it = std::find_if(out.begin(), out.end(),
                               [&](const report_rotation& r) { return r.rotation == name; });
        if (it == out.end())
            it = out.insert(out.end(), report_rotation{name, {}});
        auto& row = row_of(*it, p.user);
        ++row.pages;
        if (p.acknowledged_at) {
            ++row.acknowledged;
            waits[{name, p.user}].push_back(*p.acknowledged_at - p.sent_at);
        }
    }
    for (auto& r : out)
        for (auto& row : r.rows)
            row.mtta = median(waits[{r.rotation, row.person}]);
    std::erase_if(out, [](const report_rotation& r) { return r.rows.empty(); });
    return out;
}

std::vector<report_noise_row> noise_of(const std::vector<page_record>& pages, const context& ctx) {
    std::map<std::string, int> count;
    for (const page_record& p : pages) {
        auto i = p.incident != 0 ? ctx.incidents.find(p.incident) : std::nullopt;
        if (!i)
            ++count["reports"];
        else
            ++count[(i->service.empty() ? "no service" : i->service) + ": " +
                    (i->security ? "security incident" : i->title)];
    }
    std::vector<report_noise_row> out;
    for (const auto& [source, n] : count)
        out.push_back({source, n});
    std::stable_sort(out.begin(), out.end(),
                     [](const auto& a, const auto& b) { return a.pages > b.pages; });
    if (out.size() > 5)
        out.resize(5);
    return out;
}

// First page → first acknowledgement of an incident; nullopt when none was acknowledged.
std::optional<seconds> time_to_acknowledge(const incident& i, const context& ctx) {
    auto pages = ctx.incidents.pages(i.id);
    std::optional<time_point> first_sent, first_ack;
    for (const auto& p : pages) {
        first_sent = first_sent ? std::min(*first_sent, p.sent_at) : p.sent_at;
        if (p.acknowledged_at)
            first_ack = first_ack ? std::min(*first_ack, *p.acknowledged_at) : *p.acknowledged_at;
    }
    if (!first_ack)
        return std::nullopt;
    return *first_ack - *first_sent;
}

std::vector<report_timing_row> timings(const std::vector<incident>& incidents,
                                       std::string (*key)(const incident&), const context& ctx) {
    std::map<std::string, std::pair<std::vector<seconds>, std::vector<seconds>>> by_key;
    for (const incident& i : incidents) {
        auto& [acks, repairs] = by_key[key(i)];
        if (auto a = time_to_acknowledge(i, ctx))
            acks.push_back(*a);
        repairs.push_back(*i.resolved_at - i.declared_at);
    }
    std::vector<report_timing_row> out;
    for (const auto& [k, times] : by_key)
        out.push_back(
            {k, static_cast<int>(times.second.size()), mean(times.first), mean(times.second)});
    return out;
}

std::string severity_key(const incident& i) {
    return std::string(to_string(i.level));
}

std::string service_key(const incident& i) {
    return i.service.empty() ? "no service" : i.service;
}

std::vector<report_person_row> people_of(const std::vector<report_rotation>& rotations,
                                         const std::vector<incident>& incidents,
                                         const report_period& period, const context& ctx) {
    std::map<user_id, report_person_row> rows;
    auto row = [&](const user_id& who) -> report_person_row& {
        auto [it, added] = rows.try_emplace(who);
        it->second.person = who;
        return it->second;
    };
    for (const auto& r : rotations)
        for (const auto& each : r.rows)
            row(each.person);
    for (const incident& i : incidents) {
        if (!owner(i).empty())
            ++row(owner(i)).led;
        for (const auto& [who, spent] : incident_time(i, ctx.incidents))
            row(who).in_incidents += spent;
    }
    // The follow-ups of the incidents still open or resolved since the period began.
    auto recent = ctx.incidents.resolved_since(period.from);
    auto open = ctx.incidents.open_incidents();
    recent.insert(recent.end(), open.begin(), open.end());
    for (const incident& i : recent)
        for (const follow_up_action& a : ctx.incidents.actions(i.id))
            if (!a.done && !a.owner.empty() && rows.count(a.owner))
                ++rows[a.owner].open_follow_ups;
    std::vector<report_person_row> out;
    for (auto& [who, r] : rows)
        out.push_back(std::move(r));
    return out;
}

std::string duration_or_dash(const std::optional<seconds>& d) {
    return d ? format_duration(*d) : "—";
}

} // namespace

std::string person_label(const user_id& user, const context& ctx) {
    for (const person& p : ctx.config.people)
        if (ctx.people.user_of(p.handle) == user)
            return "@" + p.handle;
    return user;
}

oncall_report make_oncall_report(const report_period& period, const context& ctx) {
    oncall_report out;
    out.period = period;
    auto pages = pages_in(period, ctx);
    auto incidents = ctx.incidents.resolved_since(period.from);
    std::erase_if(incidents, [&](const incident& i) { return *i.resolved_at >= period.until; });
    std::sort(incidents.begin(), incidents.end(),
              [](const incident& a, const incident& b) { return a.id < b.id; });
    out.rotations = rotations_of(period, pages, ctx);
    out.people = people_of(out.rotations, incidents, period, ctx);
    out.noise = noise_of(pages, ctx);
    out.by_severity = timings(incidents, severity_key, ctx);
    out.by_service = timings(incidents, service_key, ctx);
    return out;
}

std::string render_oncall_report(const oncall_report& r, const context& ctx) {
    std::string text = "*On-call report " + r.period.name + "* (" + to_iso8601(r.period.from) +
                       " to " + to_iso8601(r.period.until) + ")";
    if (r.rotations.empty())
        text += "\nNobody was on call and nothing paged.";
    for (const auto& rotation : r.rotations) {
        std::vector<table_row> rows;
        for (const auto& row : rotation.rows)
            rows.push_back({person_label(row.person, ctx), std::to_string(row.shifts),
                            std::to_string(row.on_call.count() / 3600), std::to_string(row.pages),
                            std::to_string(row.acknowledged), duration_or_dash(row.mtta)});
        text += "\n*" + rotation.rotation + "*\n" +
                text_table({"person", "shifts", "hours", "pages", "acked", "median ack"}, rows);
    }
    if (!r.people.empty()) {
        std::vector<table_row> rows;
        for (const auto& row : r.people)
            rows.push_back({person_label(row.person, ctx), std::to_string(row.led),
                            row.in_incidents.count() ? format_duration(row.in_incidents) : "—",
                            std::to_string(row.open_follow_ups)});
        text += "\n*People*\n" +
                text_table({"person", "led (IC)", "in incidents", "open follow-ups"}, rows);
    }
    if (!r.noise.empty()) {
        text += "\n*Paged most* (the noise to fix)";
        for (const auto& n : r.noise)
            text += "\n• " + n.source + ": " + std::to_string(n.pages) + " page" +
                    (n.pages == 1 ? "" : "s");
    }
    if (r.by_severity.empty())
        return text + "\nNo incident was resolved in " + r.period.name + ".";
    auto timing_table = [](std::string_view what, const std::vector<report_timing_row>& rows) {
        std::vector<table_row> cells;
        for (const auto& row : rows)
            cells.push_back({row.key, std::to_string(row.incidents), duration_or_dash(row.mtta),
                             duration_or_dash(row.mttr)});
        return text_table({std::string(what), "incidents", "MTTA", "MTTR"}, cells);
    };
    return text + "\n*Incidents resolved*\n" + timing_table("severity", r.by_severity) + "\n" +
           timing_table("service", r.by_service);
}

} // namespace siren::commands
