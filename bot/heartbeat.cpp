#include "bot/heartbeat.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <spdlog/spdlog.h>

namespace siren {

namespace asio = boost::asio;

std::optional<std::string> unhealthy_because(const health& now, seconds stalled_after) {
    if (!now.socket_connected)
        return "the Slack socket is not connected";
    if (now.oldest_pending && *now.oldest_pending >= stalled_after)
        return "an effect has waited " + std::to_string(now.oldest_pending->count()) +
               " s in the outbox";
    return std::nullopt;
}

std::string heartbeat_url(std::string_view url, bool healthy) {
    std::string out(url);
    if (healthy)
        return out;
    while (!out.empty() && out.back() == '/')
        out.pop_back();
    return out + "/fail";
}

asio::awaitable<void> run_heartbeat(net::http_client& http, heartbeat_settings settings,
                                    std::function<health()> probe) {
    asio::steady_timer tick(co_await asio::this_coro::executor);
    bool was_healthy = true;
    for (;;) {
        tick.expires_after(settings.every);
        auto [ec] = co_await tick.async_wait(asio::as_tuple(asio::use_awaitable));
        if (ec)
            co_return;
        auto why = unhealthy_because(probe(), settings.stalled_after);
        if (why && was_healthy)
            spdlog::warn("heartbeat: reporting siren unhealthy: {}", *why);
        else if (!why && !was_healthy)
            spdlog::info("heartbeat: siren is healthy again");
        was_healthy = !why;
        net::http_request ping;
        ping.method = "GET";
        ping.url = heartbeat_url(settings.url.value, !why);
        ping.timeout = std::chrono::milliseconds(10'000);
        auto answer = co_await http.send(std::move(ping));
        if (!answer)
            spdlog::warn("heartbeat: the ping could not be sent: {}", answer.error().message());
        else if (answer->status < 200 || answer->status > 299)
            spdlog::warn("heartbeat: the ping was answered HTTP {}", answer->status);
    }
}

} // namespace siren
