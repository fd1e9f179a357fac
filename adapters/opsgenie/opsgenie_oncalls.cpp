#include "adapters/opsgenie/opsgenie_oncalls.hpp"

#include "adapters/opsgenie/opsgenie_api.hpp"
#include "adapters/pagers/http_support.hpp"
#include "adapters/pagers/json_access.hpp"

namespace siren::opsgenie {

namespace asio = boost::asio;
using adapters::call_result;
using adapters::external_shift;
using adapters::failed;
using pagers::detail::json;

namespace {

constexpr std::string_view what = "Opsgenie on-call lookup";

call_result<std::vector<external_shift>> shifts_in(std::string_view body) {
    auto answer = pagers::detail::parse_object(body);
    const json* recipients =
        answer ? pagers::detail::find(*answer, {"data", "onCallRecipients"}) : nullptr;
    if (!recipients || !recipients->is_array())
        return failed({.retryable = false,
                       .message = std::string(what) + " got an answer without onCallRecipients"});
    std::vector<external_shift> out;
    for (const auto& r : *recipients) {
        if (!r.is_string() || r.get_ref<const std::string&>().empty())
            continue;
        const auto& text = r.get_ref<const std::string&>();
        external_shift shift;
        shift.name = text;
        if (text.find('@') != std::string::npos)
            shift.email = text;
        out.push_back(std::move(shift));
    }
    return out;
}

} // namespace

opsgenie_oncalls::opsgenie_oncalls(net::http_client& http, const opsgenie_settings& settings)
    : http_(http)
    , settings_(settings) {}

asio::awaitable<call_result<std::vector<external_shift>>>
opsgenie_oncalls::on_call(std::string schedule, time_point at) {
    if (schedule.empty())
        co_return failed({.retryable = false, .message = std::string(what) + ": no schedule name"});
    if (settings_.api_key.empty())
        co_return failed({.retryable = false,
                          .message = std::string(what) +
                                     ": no Opsgenie API key is configured (OPSGENIE_API_KEY)"});
    std::string path = "/v2/schedules/" + pagers::detail::url_encode(schedule) +
                       "/on-calls?scheduleIdentifierType=name&flat=true&date=" +
                       pagers::detail::url_encode(to_iso8601(at));
    net::http_request request = detail::api_request(settings_, "GET", path, "");
    auto response = co_await http_.send(std::move(request));
    if (!response)
        co_return failed(pagers::detail::unreachable(what, response.error()));
    if (response->status < 200 || response->status > 299)
        co_return failed(detail::failure_of(what, *response, settings_.api_key.value));
    co_return shifts_in(response->body);
}

} // namespace siren::opsgenie
