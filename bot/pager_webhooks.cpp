#include "bot/pager_webhooks.hpp"

#include "adapters/opsgenie/opsgenie_callback.hpp"
#include "adapters/pagerduty/pagerduty_webhook.hpp"

#include <spdlog/spdlog.h>

namespace siren {

namespace asio = boost::asio;

pager_webhooks::pager_webhooks(const settings& config, dispatcher& dispatch, effects_runner& runner,
                               pagerduty::pagerduty_rest* pagerduty_rest, provider_person who,
                               const clock& clock)
    : config_(config)
    , dispatch_(dispatch)
    , runner_(runner)
    , pagerduty_rest_(pagerduty_rest)
    , who_(std::move(who))
    , clock_(clock) {}

net::server_response pager_webhooks::acknowledge(std::string delivery_id,
                                                 const std::string& dedup_key, const user_id& by,
                                                 std::string_view provider) {
    auto result = dispatch_.acknowledge_page(delivery_id, dedup_key, by, provider, clock_.now());
    if (result.failed)
        return net::plain_text(503, "siren could not store the acknowledgement; try again");
    if (result.has_effects)
        runner_.wake();
    spdlog::info("{}: page {} acknowledged by {}{}", provider, dedup_key, by,
                 result.duplicate ? " (a redelivery: nothing done again)" : "");
    return net::plain_text(200, "ok");
}

asio::awaitable<net::server_response> pager_webhooks::pagerduty(net::server_request request) {
    const secret& key = config_.paging.pagerduty.webhook_secret;
    if (key.empty() || !pagerduty_rest_)
        co_return net::plain_text(404, "PagerDuty webhooks are not set up: siren needs "
                                       "PAGERDUTY_WEBHOOK_SECRET and PAGERDUTY_API_TOKEN");
    auto signed_ok = pagerduty::verify_pagerduty_signature(
        request.header("X-PagerDuty-Signature").value_or(""), request.body, key.value);
    if (!signed_ok) {
        spdlog::warn("pagerduty: webhook refused: {}", signed_ok.error());
        co_return net::plain_text(401, "bad signature");
    }
    auto event = pagerduty::parse_pagerduty_webhook(request.body);
    if (!event)
        co_return net::plain_text(400, "malformed webhook: " + event.error());
    if (event->event_type != "incident.acknowledged") {
        spdlog::debug("pagerduty: webhook {} ({}) needs nothing from siren", event->event_id,
                      event->event_type);
        co_return net::plain_text(200, "ignored");
    }
    auto dedup_key = co_await pagerduty_rest_->incident_key_of(event->incident_id);
    if (!dedup_key) {
        spdlog::warn("pagerduty: cannot map incident {} back to a page: {}", event->incident_id,
                     dedup_key.error().message);
        // PagerDuty retries a failed delivery: worth it only when the lookup may succeed later.
        co_return net::plain_text(dedup_key.error().retryable ? 503 : 200,
                                  dedup_key.error().message);
    }
    co_return acknowledge("pagerduty/" + event->event_id, *dedup_key, who_(event->agent_name),
                          "pagerduty");
}

net::server_response pager_webhooks::opsgenie(const net::server_request& request) {
    const secret& token = config_.paging.opsgenie.callback_token;
    if (token.empty())
        return net::plain_text(
            404, "Opsgenie webhooks are not set up: siren needs OPSGENIE_CALLBACK_TOKEN");
    auto allowed = opsgenie::verify_callback_token(
        request.header(opsgenie_token_header).value_or(""), token.value);
    if (!allowed) {
        spdlog::warn("opsgenie: webhook refused: {}", allowed.error());
        return net::plain_text(401, "bad token");
    }
    auto callback = opsgenie::parse_opsgenie_callback(request.body);
    if (!callback)
        return net::plain_text(400, "malformed webhook: " + callback.error());
    if (callback->action != "Acknowledge" || callback->alias.empty())
        return net::plain_text(200, "ignored");
    // Opsgenie gives its deliveries no id; an alert is acknowledged once, so its alias serves.
    return acknowledge("opsgenie/" + callback->alias + "/acknowledge", callback->alias,
                       who_(callback->username), "opsgenie");
}

} // namespace siren
