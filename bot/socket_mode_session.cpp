#include "bot/socket_mode_session.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <spdlog/spdlog.h>

namespace siren {

namespace asio = boost::asio;

socket_mode_session::socket_mode_session(asio::any_io_executor executor, slack::web_api& api,
                                         std::string app_token, net::websocket_options options,
                                         envelope_handler& handler, task_group& tasks,
                                         siren_metrics& metrics)
    : executor_(executor)
    , api_(api)
    , app_token_(std::move(app_token))
    , options_(std::move(options))
    , handler_(handler)
    , tasks_(tasks)
    , metrics_(metrics)
    , event_signal_(executor) {}

void socket_mode_session::push(event e) {
    events_.push_back(std::move(e));
    event_signal_.cancel();
}

asio::awaitable<socket_mode_session::event> socket_mode_session::next_event() {
    while (events_.empty()) {
        event_signal_.expires_at(asio::steady_timer::time_point::max());
        co_await event_signal_.async_wait(asio::as_tuple(asio::use_awaitable));
        co_await asio::this_coro::throw_if_cancelled();
    }
    event e = std::move(events_.front());
    events_.pop_front();
    co_return e;
}

asio::awaitable<void> socket_mode_session::sleep(std::chrono::milliseconds delay) {
    asio::steady_timer timer(executor_, delay);
    co_await timer.async_wait(asio::use_awaitable);
}

void socket_mode_session::start_attempt() {
    if (attempt_running_ || closing_all_)
        return;
    attempt_running_ = true;
    tasks_.spawn("socket-mode-connect", attempt());
}

asio::awaitable<void> socket_mode_session::attempt() {
    auto url = co_await api_.open_socket_url(app_token_);
    if (!url) {
        attempt_running_ = false;
        push({0, slack::classify_open_failure(url.error())});
        co_return;
    }
    auto socket = co_await net::connect_websocket(executor_, *url, options_);
    attempt_running_ = false;
    if (!socket) {
        push({0, slack::open_failed{.kind = slack::open_error::other,
                                    .message = "WebSocket connection failed: " +
                                               socket.error().message()}});
        co_return;
    }
    auto c = std::make_shared<connection>();
    c->id = ++latest_id_;
    c->socket = std::move(*socket);
    live_[c->id] = c;
    if (c->id > 1)
        metrics_.socket_reconnecting();
    spdlog::info("socket mode: connection {} open, waiting for hello", c->id);
    tasks_.spawn("socket-mode-read-" + std::to_string(c->id), read(c));
}

asio::awaitable<void> socket_mode_session::read(connection_ptr c) {
    for (;;) {
        auto text = co_await c->socket->read();
        auto received_at = std::chrono::steady_clock::now();
        if (!text) {
            live_.erase(c->id);
            push({c->id, slack::read_failed{}});
            co_return;
        }
        auto frame = slack::parse_frame(*text);
        if (auto* e = std::get_if<slack::envelope>(&frame)) {
            metrics_.envelope_received(e->type);
            auto payload = handler_.on_envelope(*e);
            auto ack = slack::ack_frame(e->envelope_id, payload);
            if (auto written = co_await c->socket->write(std::move(ack)); !written)
                spdlog::warn("socket mode: could not ack envelope {} on connection {}: {}",
                             e->envelope_id, c->id, written.error().message());
            else
                metrics_.envelope_acked(e->type, std::chrono::steady_clock::now() - received_at);
        } else if (std::holds_alternative<slack::hello>(frame)) {
            c->greeted = true;
            c->greeted_at = std::chrono::steady_clock::now();
            push({c->id, slack::hello_received{}});
        } else if (auto* d = std::get_if<slack::disconnect>(&frame)) {
            spdlog::info("socket mode: Slack asks connection {} to disconnect ({})", c->id,
                         d->raw_reason);
            push({c->id, slack::disconnect_requested{d->reason, d->raw_reason}});
        } else {
            spdlog::warn("socket mode: ignored a frame: {}", std::get<slack::malformed>(frame).why);
        }
    }
}

asio::awaitable<void> socket_mode_session::close(connection_ptr c) {
    spdlog::info("socket mode: closing connection {}", c->id);
    co_await c->socket->close();
}

bool socket_mode_session::is_current(const event& e) const {
    if (e.connection == 0 || e.connection == latest_id_)
        return true;
    return current_ && current_->id == e.connection;
}

void socket_mode_session::promote(int connection_id) {
    auto it = live_.find(connection_id);
    if (it == live_.end())
        return; // it failed again before its hello was handled
    if (current_ && current_ != it->second)
        close_current();
    current_ = it->second;
}

void socket_mode_session::close_current() {
    if (current_)
        tasks_.spawn("socket-mode-close", close(current_));
    current_.reset();
}

asio::awaitable<void> socket_mode_session::close_all() {
    closing_all_ = true;
    current_.reset();
    auto live = live_; // closing ends the readers, which erase themselves from live_
    for (auto& [id, c] : live)
        co_await close(c);
    push({0, slack::read_failed{}}); // wakes the supervisor so that it sees closing_all_
}

asio::awaitable<void> socket_mode_session::run() {
    start_attempt();
    for (;;) {
        event e = co_await next_event();
        if (closing_all_)
            co_return;
        if (!is_current(e))
            continue; // about a connection already replaced or closed
        if (std::holds_alternative<slack::hello_received>(e.what)) {
            promote(e.connection);
        } else if (std::holds_alternative<slack::read_failed>(e.what)) {
            if (current_ && current_->id == e.connection) {
                auto up_for = std::chrono::duration_cast<std::chrono::seconds>(
                    std::chrono::steady_clock::now() - current_->greeted_at);
                policy_.next(slack::connection_stable{up_for}, 0.0);
                current_.reset();
            }
            if (attempt_running_)
                continue; // a replacement is already on its way
        }

        std::uniform_real_distribution<double> unit(0.0, 1.0);
        auto action = policy_.next(e.what, unit(jitter_));
        std::optional<std::chrono::milliseconds> delay;
        if (std::holds_alternative<slack::open_replacement_then_close_old>(action)) {
            start_attempt();
        } else if (auto* close_first = std::get_if<slack::close_then_reconnect_after>(&action)) {
            close_current();
            delay = close_first->delay;
        } else if (auto* later = std::get_if<slack::reconnect_after>(&action)) {
            delay = later->delay;
        } else if (auto* stop = std::get_if<slack::stop>(&action)) {
            spdlog::critical("socket mode: giving up: {}", stop->reason);
            stopped_because_ = stop->reason;
            close_current();
            co_return;
        }
        if (delay) {
            spdlog::info("socket mode: reconnecting in {} ms", delay->count());
            co_await sleep(*delay);
            start_attempt();
        }
    }
}

} // namespace siren
