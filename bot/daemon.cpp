// `siren run`: the composition root of the daemon. Builds every piece from the configuration,
// runs them on one io_context, and stops them on SIGINT or SIGTERM.

#include "bot/daemon.hpp"

#include "adapters/net/http_client.hpp"
#include "adapters/net/http_server.hpp"
#include "adapters/slack/rate_limiter.hpp"
#include "adapters/slack/slack_pager.hpp"
#include "adapters/slack/slack_workspace.hpp"
#include "adapters/slack/web_api.hpp"
#include "bot/app.hpp"
#include "bot/dispatcher.hpp"
#include "bot/effects_runner.hpp"
#include "bot/people_directory.hpp"
#include "bot/slack_http_receiver.hpp"
#include "bot/slack_inbound.hpp"
#include "bot/socket_mode_session.hpp"
#include "bot/task_group.hpp"

#include <functional>

#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <spdlog/spdlog.h>

namespace siren {

namespace asio = boost::asio;

namespace {

// Runs the Socket Mode session. It ends when a signal closed its sockets or when reconnecting
// cannot help; then every socket is closed (so that Slack sends nothing more to this process)
// and every other task stops.
asio::awaitable<void> supervise(socket_mode_session& session, task_group& tasks,
                                asio::signal_set& signals) {
    co_await session.run();
    co_await session.close_all();
    signals.cancel();
    tasks.cancel_all();
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

} // namespace

int serve(const settings& config, store::sqlite_store& store) {
    if (config.paging.provider != paging_provider::slack) {
        spdlog::critical("paging.provider must be slack in this version: PagerDuty and Opsgenie "
                         "are not supported yet, and a page must never silently go nowhere");
        return exit_usage;
    }

    asio::io_context io(1);
    auto executor = io.get_executor();
    system_clock clock;

    auto http = net::make_http_client(executor, {.ca_file = config.slack.ca_file});
    slack::rate_limiter limiter;
    slack::web_api api(*http, config.slack.api_base_url, config.slack.bot_token.value, limiter,
                       [] { return std::chrono::steady_clock::now(); });
    slack::slack_workspace workspace(
        api, [&store](std::string_view name) { return store.channel_id_for(name); });
    slack::slack_pager pager(workspace, [&store](std::string_view dedup_key) {
        auto page = store.find_page(dedup_key);
        return page ? std::optional<user_id>(page->user) : std::nullopt;
    });

    people_directory people(config, store, identity::slack_id);
    dispatcher dispatch(config, store, people);
    effects_runner runner(executor, store, workspace, {.primary = pager}, clock);
    task_group tasks(executor);
    slack_inbound inbound(dispatch, runner, workspace, clock, tasks);
    asio::signal_set signals(io, SIGINT, SIGTERM);

    // HTTP mode: Slack POSTs to siren's web server instead of siren holding a socket.
    slack_http_receiver receiver(inbound, config.slack.signing_secret.value, clock);
    std::unique_ptr<net::http_server> server;
    if (config.slack.mode == slack_mode::http) {
        auto made = net::make_http_server(
            executor, config.http.listen,
            [&receiver](net::server_request request) {
                return receiver.handle(std::move(request));
            },
            [&tasks](std::string name, asio::awaitable<void> task) {
                tasks.spawn(std::move(name), std::move(task));
            });
        if (!made) {
            spdlog::critical("cannot listen on {}: {}", config.http.listen, made.error().message());
            return exit_failure;
        }
        server = std::move(*made);
    }
    auto stop_all = [&] {
        if (server)
            server->stop();
        signals.cancel();
        tasks.cancel_all();
    };

    socket_mode_session session(executor, api, config.slack.app_token.value, {}, inbound, tasks);
    tasks.spawn("effects-runner", runner.run());
    bool bot_token_rejected = false;
    tasks.spawn("bot-token-watch", watch_bot_token(api, stop_all, bot_token_rejected));
    if (server) {
        tasks.spawn("http-server", server->run());
        spdlog::info("siren is running: Slack HTTP mode on {} (port {}), Web API at {}",
                     config.http.listen, server->port(), config.slack.api_base_url);
    } else {
        tasks.spawn("socket-mode", supervise(session, tasks, signals));
        spdlog::info("siren is running: Socket Mode against {}", config.slack.api_base_url);
    }

    signals.async_wait([&](boost::system::error_code ec, int signal) {
        if (ec)
            return;
        spdlog::info("received signal {}: stopping", signal);
        if (server)
            stop_all();
        else
            tasks.spawn("shutdown", session.close_all());
    });
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
