#pragma once
// What siren's web server answers, by path:
//   POST /slack/commands | /slack/interactive | /slack/events   Slack's HTTP mode
//   POST /webhooks/pagerduty | /webhooks/opsgenie               acknowledgements of pages
//   POST /webhooks/alertmanager                                 alerts from Alertmanager
//   POST /webhooks/intake/<source>                              reports from other systems
//   GET  /oncall/<rotation>.ics                                 a rotation as a calendar feed
//   GET  /healthz                                               the process answers
//   GET  /readyz                                                ready to work (503 and why if not)
//   GET  /metrics                                               Prometheus metrics (text 0.0.4)
//   GET  /status | /status.json                                 the public status page
// Anything else is 404; a known path with the wrong method is 405.

#include "adapters/net/http_server.hpp"
#include "bot/alert_intake.hpp"
#include "bot/clock.hpp"
#include "bot/intake_webhooks.hpp"
#include "bot/pager_webhooks.hpp"
#include "bot/siren_metrics.hpp"
#include "bot/slack_http_receiver.hpp"
#include "bot/status_page.hpp"
#include "core/incident_view.hpp"
#include "core/settings.hpp"

#include <functional>
#include <optional>
#include <string>

#include <boost/asio/awaitable.hpp>

namespace siren {

// Why siren cannot work right now (the database unreadable, the Slack socket down); nullopt when
// it can.
using readiness = std::function<std::optional<std::string>()>;

class http_routes {
public:
    // slack may be null: Socket Mode, where Slack does not POST to siren.
    http_routes(const settings& config, slack_http_receiver* slack, pager_webhooks& webhooks,
                alert_intake& alerts, intake_webhooks& intake, const directory& people,
                const clock& clock, readiness not_ready, const siren_metrics& metrics,
                const status_page_server& status_page);

    [[nodiscard]] boost::asio::awaitable<net::server_response> handle(net::server_request request);

private:
    net::server_response calendar(std::string_view rotation) const;
    net::server_response metrics_page() const;

    const settings& config_;
    slack_http_receiver* slack_;
    pager_webhooks& webhooks_;
    alert_intake& alerts_;
    intake_webhooks& intake_;
    const directory& people_;
    const clock& clock_;
    readiness not_ready_;
    const siren_metrics& metrics_;
    const status_page_server& status_page_;
};

} // namespace siren
