#include "adapters/pagerduty/pagerduty_oncalls.hpp"

#include "adapters/pagers/http_support.hpp"
#include "adapters/pagers/json_access.hpp"

#include <algorithm>
#include <limits>

namespace siren::pagerduty {

namespace asio = boost::asio;
using adapters::call_result;
using adapters::external_shift;
using adapters::failed;
using pagers::detail::json;

namespace {

struct ranked_shift {
    long long level = 0;
    std::string user_id;
    external_shift shift;
};

// A start or end: nullopt for null (a permanent on-call); false when it is there but unreadable.
bool read_time(const json& oncall, std::string_view key, std::optional<time_point>& out) {
    const json* value = pagers::detail::find(oncall, {key});
    if (!value || value->is_null())
        return true;
    if (!value->is_string())
        return false;
    out = parse_iso8601(value->get<std::string>());
    return out.has_value();
}

bool covers(const external_shift& shift, time_point at) {
    return (!shift.start || *shift.start <= at) && (!shift.end || at < *shift.end);
}

call_result<std::vector<external_shift>> shifts_in(std::string_view body, time_point at) {
    auto answer = pagers::detail::parse_object(body);
    const json* oncalls = answer ? pagers::detail::find(*answer, {"oncalls"}) : nullptr;
    if (!oncalls || !oncalls->is_array())
        return failed(
            {.retryable = false,
             .message = "PagerDuty on-call lookup got an answer without an oncalls list"});
    std::vector<ranked_shift> found;
    for (const auto& oncall : *oncalls) {
        if (!oncall.is_object())
            continue;
        ranked_shift r;
        const json* level = pagers::detail::find(oncall, {"escalation_level"});
        r.level = level && level->is_number_integer() ? level->get<long long>()
                                                      : std::numeric_limits<long long>::max();
        r.user_id = pagers::detail::text_at(oncall, {"user", "id"});
        r.shift.email = pagers::detail::text_at(oncall, {"user", "email"});
        r.shift.name = pagers::detail::text_at(oncall, {"user", "name"});
        if (r.shift.name.empty())
            r.shift.name = pagers::detail::text_at(oncall, {"user", "summary"});
        if (!read_time(oncall, "start", r.shift.start) || !read_time(oncall, "end", r.shift.end))
            return failed({.retryable = false,
                           .message = "PagerDuty on-call lookup got an on-call with an unreadable "
                                      "start or end time"});
        if (r.user_id.empty() && r.shift.email.empty())
            continue;
        if (covers(r.shift, at))
            found.push_back(std::move(r));
    }
    std::stable_sort(found.begin(), found.end(), [](const ranked_shift& a, const ranked_shift& b) {
        return a.level < b.level;
    });
    // earliest=true still lists a person once per escalation policy that reaches the schedule.
    std::vector<external_shift> out;
    std::vector<std::string> seen;
    for (auto& r : found) {
        std::string key = r.user_id.empty() ? "email:" + r.shift.email : r.user_id;
        if (std::find(seen.begin(), seen.end(), key) != seen.end())
            continue;
        seen.push_back(std::move(key));
        out.push_back(std::move(r.shift));
    }
    return out;
}

} // namespace

pagerduty_oncalls::pagerduty_oncalls(net::http_client& http, const pagerduty_settings& settings)
    : rest_(http, settings) {}

asio::awaitable<call_result<std::vector<external_shift>>>
pagerduty_oncalls::on_call(std::string schedule, time_point at) {
    if (schedule.empty())
        co_return failed(
            {.retryable = false, .message = "PagerDuty on-call lookup: no schedule id"});
    // A one-second window: PagerDuty lists every on-call that overlaps it.
    std::string query = "/oncalls?schedule_ids[]=" + pagers::detail::url_encode(schedule) +
                        "&since=" + pagers::detail::url_encode(to_iso8601(at)) +
                        "&until=" + pagers::detail::url_encode(to_iso8601(at + seconds{1})) +
                        "&include[]=users&earliest=true";
    auto answer = co_await rest_.get("on-call lookup", std::move(query));
    if (!answer)
        co_return failed(answer.error());
    co_return shifts_in(*answer, at);
}

} // namespace siren::pagerduty
