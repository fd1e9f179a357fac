#include "bot/slack_http_receiver.hpp"

#include "adapters/slack/http_mode.hpp"
#include "adapters/slack/signature.hpp"

#include <spdlog/spdlog.h>

namespace siren {

namespace {

net::server_response answer(int status, std::string body,
                            std::string content_type = "text/plain; charset=utf-8") {
    return {.status = status,
            .headers = {{"Content-Type", std::move(content_type)}},
            .body = std::move(body)};
}

} // namespace

slack_http_receiver::slack_http_receiver(envelope_handler& handler, std::string signing_secret,
                                         const clock& clock, siren_metrics& metrics)
    : handler_(handler)
    , signing_secret_(std::move(signing_secret))
    , clock_(clock)
    , metrics_(metrics) {}

boost::asio::awaitable<net::server_response>
slack_http_receiver::handle(net::server_request request) {
    auto received_at = std::chrono::steady_clock::now();
    std::string_view path = request.target;
    path = path.substr(0, path.find('?'));
    if (request.method != "POST")
        co_return answer(405, "use POST\n");
    auto signed_ok = slack::verify_request(
        signing_secret_, request.header("X-Slack-Request-Timestamp").value_or(""), request.body,
        request.header("X-Slack-Signature").value_or(""), clock_.now());
    if (!signed_ok) {
        spdlog::warn("slack http: refused a request to {}: {}", path, signed_ok.error());
        co_return answer(401, "invalid request signature: " + signed_ok.error() + "\n");
    }
    auto delivery = slack::read_http_delivery(path, request.body);
    if (!delivery) {
        // A malformed request must not be retried by Slack: it would fail the same way.
        net::server_response refused = answer(400, delivery.error() + "\n");
        refused.headers.emplace_back("X-Slack-No-Retry", "1");
        co_return refused;
    }
    if (delivery->challenge)
        co_return answer(200, *delivery->challenge);
    const slack::envelope& envelope = *delivery->to_handle;
    metrics_.envelope_received(envelope.type);
    auto payload = handler_.on_envelope(envelope);
    // The web server writes the answer next; this is as close to the ack as siren sees.
    metrics_.envelope_acked(envelope.type, std::chrono::steady_clock::now() - received_at);
    if (!payload)
        co_return answer(200, "");
    co_return answer(200, *payload, "application/json; charset=utf-8");
}

} // namespace siren
