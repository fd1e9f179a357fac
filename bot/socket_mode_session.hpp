#pragma once
// The Socket Mode connection to Slack: one supervisor coroutine that keeps a WebSocket open,
// reconnects by the pure policy of adapters/slack/reconnect.hpp, and on a refresh opens the new
// socket before dropping the old one, so no envelope is lost in the gap. Every envelope is
// handed to the envelope handler, which records it durably, and is then acknowledged.

#include "adapters/net/websocket.hpp"
#include "adapters/slack/reconnect.hpp"
#include "adapters/slack/socket_mode.hpp"
#include "adapters/slack/web_api.hpp"
#include "bot/siren_metrics.hpp"
#include "bot/task_group.hpp"

#include <deque>
#include <map>
#include <memory>
#include <optional>
#include <random>
#include <string>

#include <boost/asio/awaitable.hpp>
#include <boost/asio/steady_timer.hpp>

namespace siren {

class envelope_handler {
public:
    virtual ~envelope_handler() = default;
    // Called for each envelope before it is acknowledged; returns the ack's payload (a JSON
    // object's text) or nothing. Must be quick: Slack waits at most 3 s for the ack.
    virtual std::optional<std::string> on_envelope(const slack::envelope& e) = 0;
};

class socket_mode_session {
public:
    socket_mode_session(boost::asio::any_io_executor executor, slack::web_api& api,
                        std::string app_token, net::websocket_options options,
                        envelope_handler& handler, task_group& tasks, siren_metrics& metrics);

    // Runs until cancelled, or until reconnecting cannot help (the reason is logged and kept).
    [[nodiscard]] boost::asio::awaitable<void> run();

    // Closes every connection and stops reconnecting: the first step of a shutdown. The
    // supervisor returns once it notices.
    [[nodiscard]] boost::asio::awaitable<void> close_all();

    bool connected() const { return current_ && current_->greeted; }
    const std::optional<std::string>& stopped_because() const { return stopped_because_; }

private:
    struct connection {
        int id = 0;
        std::unique_ptr<net::websocket> socket;
        bool greeted = false; // its hello arrived
        std::chrono::steady_clock::time_point greeted_at{};
    };
    using connection_ptr = std::shared_ptr<connection>;

    struct event {
        int connection = 0; // 0: a connection attempt that failed before it had an id
        slack::connection_event what;
    };

    [[nodiscard]] boost::asio::awaitable<void> attempt();
    [[nodiscard]] boost::asio::awaitable<void> read(connection_ptr c);
    [[nodiscard]] boost::asio::awaitable<void> close(connection_ptr c);
    [[nodiscard]] boost::asio::awaitable<event> next_event();
    [[nodiscard]] boost::asio::awaitable<void> sleep(std::chrono::milliseconds delay);
    void push(event e);
    void start_attempt();
    // The connection whose hello arrived becomes the one relied on; the one before is closed.
    void promote(int connection_id);
    void close_current();
    // Whether an event is about the connection the session relies on; events of connections
    // already replaced or closed are stale and ignored.
    bool is_current(const event& e) const;

    boost::asio::any_io_executor executor_;
    slack::web_api& api_;
    std::string app_token_;
    net::websocket_options options_;
    envelope_handler& handler_;
    task_group& tasks_;
    siren_metrics& metrics_;

    slack::reconnect_policy policy_;
    std::map<int, connection_ptr> live_; // connections whose reader still runs
    connection_ptr current_;
    bool attempt_running_ = false;
    bool closing_all_ = false;
    int latest_id_ = 0; // the newest connection made
    std::deque<event> events_;
    boost::asio::steady_timer event_signal_;
    std::optional<std::string> stopped_because_;
    std::minstd_rand jitter_{std::random_device{}()};
};

} // namespace siren
