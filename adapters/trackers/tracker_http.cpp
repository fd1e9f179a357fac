#include "adapters/trackers/tracker_http.hpp"

#include "adapters/pagers/http_support.hpp"

namespace siren::trackers {

using adapters::call_result;
using adapters::failed;

boost::asio::awaitable<call_result<net::http_response>> send_to_tracker(net::http_client& http,
                                                                        std::string name,
                                                                        std::string service,
                                                                        net::http_request request) {
    bool changes = request.method != "GET";
    auto response = co_await http.send(std::move(request));
    if (!response) {
        auto why = pagers::detail::unreachable(name, response.error());
        why.outcome_unknown = changes && net::may_have_reached_server(response.error());
        co_return failed(std::move(why));
    }
    int status = response->status;
    if (!pagers::detail::is_transient(status))
        co_return std::move(*response);
    std::string said = "HTTP " + std::to_string(status);
    adapters::failure why{
        .retryable = true,
        .message = name + (status == 429 ? ": rate limited by " + service + " (" : " failed (") +
                   said + ")"};
    if (auto after = pagers::detail::header_of(*response, "Retry-After"))
        why.retry_after = pagers::detail::parse_seconds(*after);
    // A gateway's 5xx may come after the tracker acted on the request.
    why.outcome_unknown = changes && status != 429;
    co_return failed(std::move(why));
}

} // namespace siren::trackers
