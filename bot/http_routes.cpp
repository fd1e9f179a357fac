#include "bot/http_routes.hpp"

#include "core/ical.hpp"

namespace siren {

namespace asio = boost::asio;

namespace {

// How far a calendar feed reaches: a week back (what just happened) and twelve weeks ahead.
constexpr days calendar_past{7};
constexpr days calendar_future{84};

bool starts_with(std::string_view text, std::string_view prefix) {
    return text.substr(0, prefix.size()) == prefix;
}

} // namespace

http_routes::http_routes(const settings& config, slack_http_receiver* slack,
                         pager_webhooks& webhooks, alert_intake& alerts, intake_webhooks& intake,
                         const directory& people, const clock& clock, readiness not_ready,
                         const siren_metrics& metrics, const status_page_server& status_page)
    : config_(config)
    , slack_(slack)
    , webhooks_(webhooks)
    , alerts_(alerts)
    , intake_(intake)
    , people_(people)
    , clock_(clock)
    , not_ready_(std::move(not_ready))
    , metrics_(metrics)
    , status_page_(status_page) {}

asio::awaitable<net::server_response> http_routes::handle(net::server_request request) {
    std::string_view path = request.target;
    path = path.substr(0, path.find('?'));
    if (path == "/healthz" || path == "/readyz") {
        if (request.method != "GET" && request.method != "HEAD")
            co_return net::plain_text(405, "use GET");
        if (path == "/readyz")
            if (auto why = not_ready_())
                co_return net::plain_text(503, "not ready: " + *why);
        co_return net::plain_text(200, "ok");
    }
    if (path == "/metrics") {
        if (request.method != "GET" && request.method != "HEAD")
            co_return net::plain_text(405, "use GET");
        co_return metrics_page();
    }
    if (status_page_server::serves(path))
        co_return status_page_.respond(request.method, path);
    constexpr std::string_view calendar_prefix = "/oncall/";
    constexpr std::string_view calendar_suffix = ".ics";
    if (starts_with(path, calendar_prefix) && path.ends_with(calendar_suffix)) {
        if (request.method != "GET" && request.method != "HEAD")
            co_return net::plain_text(405, "use GET");
        auto rotation = path.substr(calendar_prefix.size(),
                                    path.size() - calendar_prefix.size() - calendar_suffix.size());
        co_return calendar(rotation);
    }
    constexpr std::string_view intake_prefix = "/webhooks/intake/";
    bool is_intake = starts_with(path, intake_prefix) && path.size() > intake_prefix.size();
    bool is_webhook = path == "/webhooks/pagerduty" || path == "/webhooks/opsgenie" ||
                      path == "/webhooks/alertmanager" || is_intake;
    bool is_slack = starts_with(path, "/slack/");
    if (!is_webhook && !is_slack)
        co_return net::plain_text(404,
                                  "siren serves /slack/…, /webhooks/pagerduty, /webhooks/opsgenie, "
                                  "/webhooks/alertmanager, /webhooks/intake/<source>, "
                                  "/oncall/<rotation>.ics, /status, /status.json, /healthz, "
                                  "/readyz and /metrics");
    if (request.method != "POST")
        co_return net::plain_text(405, "use POST");
    if (path == "/webhooks/pagerduty")
        co_return co_await webhooks_.pagerduty(std::move(request));
    if (path == "/webhooks/opsgenie")
        co_return webhooks_.opsgenie(request);
    if (path == "/webhooks/alertmanager")
        co_return alerts_.receive(request);
    if (is_intake)
        co_return intake_.receive(path.substr(intake_prefix.size()), request);
    if (!slack_)
        co_return net::plain_text(404, "Slack's HTTP mode is off (slack.mode is socket)");
    co_return co_await slack_->handle(std::move(request));
}

net::server_response http_routes::metrics_page() const {
    try {
        return {.status = 200,
                .headers = {{"Content-Type", std::string(metrics::content_type)}},
                .body = metrics_.render()};
    } catch (const std::exception& e) {
        // The database could not be read: the whole scrape fails (Prometheus then shows the
        // target down) rather than answering with some of the values missing.
        return net::plain_text(500, std::string("cannot read the metrics: ") + e.what());
    }
}

net::server_response http_routes::calendar(std::string_view rotation) const {
    const rotation_settings* r = config_.find_rotation(rotation);
    if (!r)
        return net::plain_text(404, "no rotation named " + std::string(rotation));
    time_point now = clock_.now();
    time_point from = now - calendar_past;
    time_point until = now + calendar_future;
    auto primary = people_.shifts(r->name, from, until);
    auto secondary = r->secondary.empty() ? std::vector<shift>{}
                                          : people_.shifts(r->name + ":secondary", from, until);
    auto name_of = [this](std::string_view person) -> std::string {
        const siren::person* p = config_.find_person(person);
        return p ? (p->name.empty() ? p->handle : p->name) : std::string();
    };
    return {.status = 200,
            .headers = {{"Content-Type", "text/calendar; charset=utf-8"},
                        {"Content-Disposition", "inline; filename=\"" + r->name + ".ics\""}},
            .body = to_ical(*r, primary, secondary, name_of, now)};
}

} // namespace siren
