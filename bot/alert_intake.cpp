#include "bot/alert_intake.hpp"

#include "adapters/alertmanager/alertmanager_webhook.hpp"

#include <spdlog/spdlog.h>

namespace siren {

alert_intake::alert_intake(const settings& config, dispatcher& dispatch, effects_runner& runner,
                           const clock& clock)
    : config_(config)
    , dispatch_(dispatch)
    , runner_(runner)
    , clock_(clock) {
    if (!config.alerts.routes.empty() && config.alerts.token.empty())
        spdlog::warn("alertmanager: no token is set (SIREN_ALERTMANAGER_TOKEN or "
                     "alerts.token_file): whoever reaches {} can send alerts",
                     config.http.listen);
}

net::server_response alert_intake::receive(const net::server_request& request) {
    const alert_settings& alerts = config_.alerts;
    if (alerts.routes.empty())
        return net::plain_text(404, "Alertmanager intake is not set up: siren needs routes under "
                                    "`alerts.routes` in its config");
    if (!alerts.token.empty()) {
        auto allowed = alertmanager::verify_alertmanager_token(
            request.header("Authorization").value_or(""), alerts.token.value);
        if (!allowed) {
            spdlog::warn("alertmanager: delivery refused: {}", allowed.error());
            return net::plain_text(401, "bad token");
        }
    }
    auto group = alertmanager::parse_alertmanager_webhook(request.body);
    if (!group) {
        spdlog::warn("alertmanager: delivery refused: {}", group.error());
        return net::plain_text(400, "malformed payload: " + group.error());
    }
    if (group->truncated_alerts > 0)
        spdlog::warn("alertmanager: group {} left out {} alerts (max_alerts); they arrive when "
                     "others resolve",
                     group->group_key, group->truncated_alerts);
    std::string delivery = alertmanager::delivery_id(*group);
    auto result = dispatch_.receive_alerts(delivery, *group, clock_.now());
    if (result.failed)
        return net::plain_text(500, "siren could not store the alerts; Alertmanager will retry");
    if (result.has_effects)
        runner_.wake();
    if (result.duplicate)
        return net::plain_text(200, "duplicate: nothing done again");
    spdlog::info("alertmanager: group {}: {}", group->group_key, result.reply);
    return net::plain_text(200, "ok");
}

} // namespace siren
