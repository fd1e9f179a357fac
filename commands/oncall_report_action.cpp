// /chatops run oncall report [week|YYYY-Www] and pay [YYYY-Qn]: a week's report, a quarter's
// pay.

#include "commands/oncall.hpp"
#include "commands/oncall_pay.hpp"
#include "commands/oncall_report.hpp"
#include "commands/text.hpp"
#include "commands/tokenizer.hpp"

namespace siren::commands::oncall {

decision report_action(const request& r) {
    auto [typed, extra] = split_first_word(r.args);
    if (!extra.empty())
        return usage_error(r, "Unexpected " + code(extra) + ".");
    auto period = report_week(typed, r.ctx.now);
    if (!period)
        return usage_error(r, period.error());
    return reply_only(render_oncall_report(make_oncall_report(*period, r.ctx), r.ctx));
}

decision pay_action(const request& r) {
    auto [typed, extra] = split_first_word(r.args);
    if (!extra.empty())
        return usage_error(r, "Unexpected " + code(extra) + ".");
    auto quarter = pay_quarter(typed, r.ctx.now);
    if (!quarter)
        return usage_error(r, quarter.error());
    return reply_only(render_pay(*quarter, make_pay(*quarter, r.ctx), r.ctx));
}

} // namespace siren::commands::oncall
