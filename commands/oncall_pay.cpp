// On-call pay (oncall_pay.hpp).

#include "commands/oncall_pay.hpp"

#include "commands/incident_time.hpp"
#include "commands/oncall_report.hpp"
#include "commands/text_table.hpp"

#include <algorithm>
#include <map>

namespace siren::commands {

namespace {

constexpr std::int64_t week_seconds = 7 * 24 * 3600;
constexpr std::int64_t hour_seconds = 3600;

std::string csv_field(const std::string& text) {
    if (text.find_first_of(",\"\r\n") == std::string::npos)
        return text;
    std::string out = "\"";
    for (char c : text)
        out += c == '"' ? std::string("\"\"") : std::string(1, c);
    return out + "\"";
}

} // namespace

std::int64_t prorate(std::int64_t value, std::int64_t numerator, std::int64_t denominator) {
    // value ≤ 10^14 cents and numerator ≤ a quarter's seconds (~8·10^6) fit in 128 bits only;
    // split value into quotient and remainder of the denominator to stay in 64.
    std::int64_t whole = value / denominator * numerator;
    std::int64_t rest = value % denominator * numerator;
    return whole + (2 * rest + denominator) / (2 * denominator);
}

std::string format_cents(std::int64_t cents) {
    std::string fraction = std::to_string(cents % 100);
    return std::to_string(cents / 100) + "." + (fraction.size() < 2 ? "0" : "") + fraction;
}

std::vector<pay_line> make_pay(const report_period& quarter, const context& ctx) {
    std::map<user_id, pay_line> lines;
    auto line = [&](const user_id& who) -> pay_line& {
        auto [it, added] = lines.try_emplace(who);
        it->second.person = who;
        return it->second;
    };
    for (const auto& name : ctx.config.pay.rotations)
        for (const shift& s : ctx.people.shifts(name, quarter.from, quarter.until))
            line(s.person).on_call +=
                std::min(s.end, quarter.until) - std::max(s.start, quarter.from);
    auto incidents = ctx.incidents.resolved_since(quarter.from);
    for (const incident& i : incidents) {
        if (*i.resolved_at >= quarter.until)
            continue;
        auto r = ctx.incidents.find_review(i.id);
        if (!r || !r->written_at)
            continue;
        for (const auto& [who, spent] : incident_time(i, ctx.incidents))
            line(who).in_incidents += spent;
    }
    std::vector<pay_line> out;
    for (auto& [who, l] : lines) {
        l.fee = prorate(ctx.config.pay.weekly_fee_cents, l.on_call.count(), week_seconds);
        l.incident_pay =
            prorate(ctx.config.pay.hourly_rate_cents, l.in_incidents.count(), hour_seconds);
        l.total = l.fee + l.incident_pay;
        out.push_back(l);
    }
    std::sort(out.begin(), out.end(), [&](const pay_line& a, const pay_line& b) {
        return person_label(a.person, ctx) < person_label(b.person, ctx);
    });
    return out;
}

std::string render_pay(const report_period& quarter, const std::vector<pay_line>& lines,
                       const context& ctx) {
    const auto& pay = ctx.config.pay;
    std::string text = "*On-call pay " + quarter.name + "* (" + format_cents(pay.weekly_fee_cents) +
                       " " + pay.currency + " per week of primary shift, " +
                       format_cents(pay.hourly_rate_cents) + " " + pay.currency +
                       " per hour in reviewed incidents)";
    if (lines.empty())
        return text + "\nNobody held a paid shift or worked a reviewed incident.";
    std::vector<table_row> rows;
    std::int64_t sum = 0;
    for (const auto& l : lines) {
        rows.push_back({person_label(l.person, ctx),
                        format_cents(prorate(100, l.on_call.count(), week_seconds)),
                        format_cents(l.fee),
                        format_cents(prorate(100, l.in_incidents.count(), hour_seconds)),
                        format_cents(l.incident_pay), format_cents(l.total)});
        sum += l.total;
    }
    return text + "\n" +
           text_table({"person", "weeks", "fee", "incident hours", "incident pay", "total"}, rows) +
           "\nTotal: " + format_cents(sum) + " " + pay.currency + ". `siren pay --quarter " +
           quarter.name + " --csv` writes it for finance.";
}

std::string pay_csv(const std::vector<pay_line>& lines, const context& ctx) {
    std::string csv = "person,weeks,fee,incident hours,incident pay,total,currency\r\n";
    for (const auto& l : lines)
        csv += csv_field(person_label(l.person, ctx)) + "," +
               format_cents(prorate(100, l.on_call.count(), week_seconds)) + "," +
               format_cents(l.fee) + "," +
               format_cents(prorate(100, l.in_incidents.count(), hour_seconds)) + "," +
               format_cents(l.incident_pay) + "," + format_cents(l.total) + "," +
               csv_field(ctx.config.pay.currency) + "\r\n";
    return csv;
}

} // namespace siren::commands
