// `siren run`: the composition root of the daemon. Builds every piece from the configuration,
// runs them on one io_context, and stops them on SIGINT or SIGTERM.

#include "bot/daemon.hpp"

#include "adapters/bearer_token.hpp"
#include "adapters/net/http_client.hpp"
#include "adapters/net/http_server.hpp"
#include "adapters/opsgenie/opsgenie_oncalls.hpp"
#include "adapters/opsgenie/opsgenie_pager.hpp"
#include "adapters/pagerduty/pagerduty_oncalls.hpp"
#include "adapters/pagerduty/pagerduty_pager.hpp"
#include "adapters/pagerduty/pagerduty_rest.hpp"
#include "adapters/slack/rate_limiter.hpp"
#include "adapters/slack/slack_pager.hpp"
#include "adapters/slack/slack_workspace.hpp"
#include "adapters/slack/web_api.hpp"
#include "adapters/splunk_oncall/splunk_oncall_pager.hpp"
#include "adapters/status_hosts/statusio_host.hpp"
#include "adapters/status_hosts/statuspage_host.hpp"
#include "adapters/trackers/gitlab_tracker.hpp"
#include "adapters/trackers/jira_tracker.hpp"
#include "bot/alert_intake.hpp"
#include "bot/app.hpp"
#include "bot/dispatcher.hpp"
#include "bot/effects_runner.hpp"
#include "bot/file_writer.hpp"
#include "bot/heartbeat.hpp"
#include "bot/http_routes.hpp"
#include "bot/intake_webhooks.hpp"
#include "bot/pager_webhooks.hpp"
#include "bot/people_directory.hpp"
#include "bot/siren_metrics.hpp"
#include "bot/slack_http_receiver.hpp"
#include "bot/slack_inbound.hpp"
#include "bot/socket_mode_session.hpp"
#include "bot/task_group.hpp"
#include "bot/timer_loop.hpp"

#include <functional>
#include <memory>
#include <optional>

#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <spdlog/spdlog.h>

namespace siren {

namespace asio = boost::asio;

namespace {

// How long a stopping siren goes on carrying out the effects already decided. What is left
// then (a call stuck behind a long rate limit, say) is carried out at the next start.
constexpr std::chrono::seconds drain_limit{10};

// How often the database's write-ahead log is copied into the file, off the main thread. At
// 200 declares/s the log grows by about 5 MB a second.
constexpr std::chrono::milliseconds wal_checkpoint_every{1000};

// Runs the Socket Mode session until a shutdown closed its sockets or reconnecting cannot help;
// then siren stops.
asio::awaitable<void> supervise(socket_mode_session& session, std::function<void()> stop) {
    co_await session.run();
    stop();
}

// A graceful stop: no new work is taken (the socket closes cleanly, so that Slack sends the next
// envelopes elsewhere; the web server stops accepting), the effects already decided are carried
// out for up to drain_limit, then every task ends.
asio::awaitable<void> drain_then_stop(socket_mode_session* session, net::http_server& server,
                                      effects_runner& runner, std::function<void()> stop_now) {
    server.stop();
    if (session)
        co_await session->close_all();
    runner.finish();
    asio::steady_timer tick(co_await asio::this_coro::executor);
    auto deadline = std::chrono::steady_clock::now() + drain_limit;
    // The runner has no completion to wait on; a short poll costs nothing while stopping.
    while (!runner.finished() && std::chrono::steady_clock::now() < deadline) {
        tick.expires_after(std::chrono::milliseconds(20));
        co_await tick.async_wait(asio::use_awaitable);
    }
    if (!runner.finished())
        spdlog::warn("stopping with effects still in flight after {} s; they are carried out "
                     "at the next start",
                     drain_limit.count());
    stop_now();
}

// Slack rejected the bot token: every call would fail the same way, so siren stops loudly
// instead of retrying for ever.
asio::awaitable<void> watch_bot_token(const slack::web_api& api, std::function<void()> stop_all,
                                      bool& rejected) {
    asio::steady_timer tick(co_await asio::this_coro::executor);
    while (!api.auth_failed()) {
        tick.expires_after(std::chrono::seconds(1));
        co_await tick.async_wait(asio::use_awaitable);
    }
    spdlog::critical("Slack rejected the bot token (SLACK_BOT_TOKEN); stopping");
    rejected = true;
    stop_all();
}

// The provider's pager for paging.provider pagerduty, opsgenie or splunk_oncall; null for slack.
std::unique_ptr<adapters::pager> provider_pager(const settings& config, net::http_client& http,
                                                const store::sqlite_store& store) {
    auto find_person = [&config](std::string_view user) { return config.find_person(user); };
    switch (config.paging.provider) {
    case paging_provider::pagerduty:
        return std::make_unique<pagerduty::pagerduty_pager>(http, config.paging.pagerduty,
                                                            find_person);
    case paging_provider::opsgenie:
        return std::make_unique<opsgenie::opsgenie_pager>(http, config.paging.opsgenie,
                                                          find_person);
    case paging_provider::splunk_oncall:
        return std::make_unique<splunk_oncall::splunk_oncall_pager>(
            http, config.paging.splunk_oncall, find_person,
            [&store](std::string_view dedup_key) -> std::optional<std::string> {
                auto page = store.find_page(dedup_key);
                return page ? std::optional<std::string>(page->rotation) : std::nullopt;
            });
    case paging_provider::slack:
        break;
    }
    return nullptr;
}

// The issue tracker of tracker.kind gitlab or jira; null for none.
std::unique_ptr<adapters::tracker> issue_tracker(const settings& config, net::http_client& http) {
    switch (config.tracker.kind) {
    case tracker_kind::gitlab:
        return std::make_unique<trackers::gitlab_tracker>(http, config.tracker);
    case tracker_kind::jira:
        return std::make_unique<trackers::jira_tracker>(http, config.tracker);
    case tracker_kind::none:
        break;
    }
    return nullptr;
}

// The hosted status page of status_mirror.kind (statuspage, statusio); null for none.
std::unique_ptr<adapters::status_host> hosted_status_page(const settings& config,
                                                          net::http_client& http) {
    switch (config.status_mirror.kind) {
    case status_host_kind::statuspage:
        return std::make_unique<status_hosts::statuspage_host>(http, config.status_mirror);
    case status_host_kind::statusio:
        return std::make_unique<status_hosts::statusio_host>(http, config.status_mirror);
    case status_host_kind::none:
        break;
    }
    return nullptr;
}

// What `siren run` cannot do without; the config file itself cannot say (secrets come from the
// environment).
std::optional<std::string> missing_secret(const settings& config) {
    if (config.paging.provider == paging_provider::pagerduty &&
        config.paging.pagerduty.routing_key.empty())
        return "paging.provider is pagerduty but PAGERDUTY_ROUTING_KEY (or "
               "paging.pagerduty.routing_key_file) is not set: pages would go nowhere";
    if (config.paging.provider == paging_provider::opsgenie &&
        config.paging.opsgenie.api_key.empty())
        return "paging.provider is opsgenie but OPSGENIE_API_KEY (or "
               "paging.opsgenie.api_key_file) is not set: pages would go nowhere";
    if (config.paging.provider == paging_provider::splunk_oncall &&
        config.paging.splunk_oncall.rest_url.empty())
        return "paging.provider is splunk_oncall but SPLUNK_ONCALL_REST_URL (or "
               "paging.splunk_oncall.rest_url_file) is not set: pages would go nowhere";
    return std::nullopt;
}

// siren's id for a person a paging provider names by e-mail or display name.
provider_person people_by_provider_name(const settings& config) {
    return [&config](std::string_view email_or_name) -> user_id {
        using adapters::equal_ignoring_case;
        for (const person& p : config.people)
            if (!p.slack_id.empty() && !email_or_name.empty() &&
                (equal_ignoring_case(p.email, email_or_name) ||
                 equal_ignoring_case(p.name, email_or_name)))
                return p.slack_id;
        return std::string(email_or_name);
    };
}

} // namespace

int serve(const settings& config, store::sqlite_store& store) {
    if (auto missing = missing_secret(config)) {
        spdlog::critical("{}", *missing);
        return exit_usage;
    }

    try {
        // A checkpoint's fsyncs would otherwise be paid inside a commit, before an ack.
        store.checkpoint_in_background(wal_checkpoint_every);
    } catch (const std::exception& e) {
        spdlog::warn("checkpoints stay inside commits: cannot open the database again ({})",
                     e.what());
    }

    asio::io_context io(1);
    auto executor = io.get_executor();
    system_clock clock;
    siren_metrics metrics(store, clock, SIREN_VERSION);

    auto http = net::make_http_client(executor, {.ca_file = config.slack.ca_file});
    slack::rate_limiter limiter;
    slack::web_api api(
        *http, config.slack.api_base_url, config.slack.bot_token.value, limiter,
        [] { return std::chrono::steady_clock::now(); },
        [&metrics](std::string_view method) { metrics.slack_ratelimited(method); });
    slack::slack_workspace workspace(
        api, [&store](std::string_view name) { return store.channel_id_for(name); });
    slack::slack_pager slack_pager(workspace, [&store](std::string_view dedup_key) {
        auto page = store.find_page(dedup_key);
        return page ? std::optional<user_id>(page->user) : std::nullopt;
    });
    auto external_pager = provider_pager(config, *http, store);
    adapters::pager& primary = external_pager ? *external_pager : slack_pager;
    std::optional<pagerduty::pagerduty_rest> pagerduty_rest;
    if (!config.paging.pagerduty.api_token.empty())
        pagerduty_rest.emplace(*http, config.paging.pagerduty);

    std::optional<pagerduty::pagerduty_oncalls> pagerduty_schedules;
    if (!config.paging.pagerduty.api_token.empty())
        pagerduty_schedules.emplace(*http, config.paging.pagerduty);
    std::optional<opsgenie::opsgenie_oncalls> opsgenie_schedules;
    if (!config.paging.opsgenie.api_key.empty())
        opsgenie_schedules.emplace(*http, config.paging.opsgenie);
    external_schedules schedules(config, pagerduty_schedules ? &*pagerduty_schedules : nullptr,
                                 opsgenie_schedules ? &*opsgenie_schedules : nullptr);
    people_directory people(config, store, identity::slack_id, &schedules);
    dispatcher dispatch(config, store, people, metrics);
    effects_runner runner(executor, store, workspace,
                          {.primary = primary,
                           .fallback = &slack_pager,
                           .fallback_after = config.paging.fallback_after},
                          clock, metrics);
    runner.write_files_under(directory_of(config.store.path));
    auto tracker = issue_tracker(config, *http);
    runner.track_issues_with(tracker.get());
    auto status_host = hosted_status_page(config, *http);
    runner.mirror_status_with(status_host.get());
    task_group tasks(executor);
    slack_inbound inbound(dispatch, runner, workspace, clock, tasks);
    asio::signal_set signals(io, SIGINT, SIGTERM);

    // HTTP mode: Slack POSTs to siren's web server instead of siren holding a socket.
    slack_http_receiver receiver(inbound, config.slack.signing_secret.value, clock, metrics);
    pager_webhooks webhooks(config, dispatch, runner, pagerduty_rest ? &*pagerduty_rest : nullptr,
                            people_by_provider_name(config), clock);
    alert_intake alerts(config, dispatch, runner, clock);
    intake_webhooks intake(config, dispatch, runner, clock);
    socket_mode_session session(executor, api, config.slack.app_token.value, {}, inbound, tasks,
                                metrics);
    bool socket_mode = config.slack.mode == slack_mode::socket;
    if (socket_mode)
        metrics.watch_socket([&session] { return session.connected(); });
    auto not_ready = [&]() -> std::optional<std::string> {
        try {
            (void)store.schema_version();
        } catch (const std::exception& e) {
            return std::string("the database cannot be read: ") + e.what();
        }
        if (socket_mode && !session.connected())
            return "the Slack socket is not connected";
        return std::nullopt;
    };
    status_page_server status_page(config, store, clock);
    http_routes routes(config, socket_mode ? nullptr : &receiver, webhooks, alerts, intake, people,
                       clock, not_ready, metrics, status_page);
    auto made = net::make_http_server(
        executor, config.http.listen,
        [&routes](net::server_request request) { return routes.handle(std::move(request)); },
        [&tasks](std::string name, asio::awaitable<void> task) {
            tasks.spawn(std::move(name), std::move(task));
        });
    if (!made) {
        spdlog::critical("cannot listen on {}: {}", config.http.listen, made.error().message());
        return exit_failure;
    }
    std::unique_ptr<net::http_server> server = std::move(*made);
    auto stop_now = [&] {
        server->stop();
        signals.cancel();
        tasks.cancel_all();
    };
    bool stopping = false;
    auto stop = [&] {
        if (stopping)
            return;
        stopping = true;
        tasks.spawn("shutdown",
                    drain_then_stop(socket_mode ? &session : nullptr, *server, runner, stop_now));
    };

    tasks.spawn("effects-runner", runner.run());
    dispatch.plan_handovers(clock.now());
    tasks.spawn("timers", run_timers(dispatch, store, runner, clock));
    tasks.spawn("external-schedules", schedules.run(clock));
    bool bot_token_rejected = false;
    tasks.spawn("bot-token-watch", watch_bot_token(api, stop_now, bot_token_rejected));
    tasks.spawn("http-server", server->run());
    if (socket_mode)
        tasks.spawn("socket-mode", supervise(session, stop));
    if (!config.heartbeat.url.empty()) {
        auto probe = [&]() -> health {
            auto oldest = store.oldest_pending_effect();
            std::optional<seconds> age;
            if (oldest)
                age = std::chrono::duration_cast<seconds>(clock.now() - *oldest);
            return {.socket_connected = !socket_mode || session.connected(), .oldest_pending = age};
        };
        tasks.spawn("heartbeat", run_heartbeat(*http, config.heartbeat, probe));
    }
    spdlog::info("siren is running: Slack {} against {}, paging by {}; HTTP on {} (port {})",
                 socket_mode ? "Socket Mode" : "HTTP mode", config.slack.api_base_url,
                 primary.provider(), config.http.listen, server->port());

    // The first signal stops gracefully; a second one while draining stops at once.
    std::function<void(boost::system::error_code, int)> on_signal =
        [&](boost::system::error_code ec, int signal) {
            if (ec)
                return;
            if (stopping) {
                spdlog::warn("received signal {} again: stopping now", signal);
                stop_now();
                return;
            }
            spdlog::info("received signal {}: finishing what is under way, then stopping", signal);
            stop();
            signals.async_wait(on_signal);
        };
    signals.async_wait(on_signal);
    io.run();
    if (bot_token_rejected)
        return exit_failure;
    if (session.stopped_because()) {
        spdlog::critical("stopped: {}", *session.stopped_because());
        return exit_failure;
    }
    spdlog::info("stopped");
    return exit_ok;
}

} // namespace siren
