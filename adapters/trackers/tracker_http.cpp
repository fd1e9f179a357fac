#include "adapters/trackers/tracker_http.hpp"

#include "adapters/pagers/http_support.hpp"

namespace siren::trackers {

using adapters::call_result;
using adapters::failed;

net::http_request json_request(std::string method, std::string url,
                               std::pair<std::string, std::string> authentication,
                               std::string body) {
    net::http_request request;
    request.method = std::move(method);
    request.url = std::move(url);
    request.headers = {std::move(authentication), {"Accept", "application/json"}};
    if (!body.empty())
        request.headers.emplace_back("Content-Type", "application/json");
    request.body = std::move(body);
    return request;
}

adapters::failure refused(std::string_view name, int status, std::string_view detail,
                          std::string_view secret) {
    std::string message = std::string(name) + " was refused (HTTP " + std::to_string(status) +
                          (detail.empty() ? "" : ": " + std::string(detail)) + ")";
    return {.retryable = false, .message = pagers::detail::redacted(std::move(message), secret)};
}

boost::asio::awaitable<call_result<net::http_response>> send_to_service(net::http_client& http,
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
