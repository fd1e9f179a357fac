#pragma once
// Lets coroutines on one thread take turns at something only one may use at a time: here a
// WebSocket, which allows a single write in flight. Internal to adapters/net.

#include <utility>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/experimental/channel.hpp>
#include <boost/system/result.hpp>

namespace siren::net {

class async_mutex {
public:
    // Holds the mutex until destroyed, so that an exception cannot leave it locked.
    class guard {
    public:
        explicit guard(async_mutex& mutex)
            : mutex_(&mutex) {}
        guard(guard&& other) noexcept
            : mutex_(std::exchange(other.mutex_, nullptr)) {}
        guard& operator=(guard&&) = delete;
        ~guard() {
            if (mutex_)
                mutex_->unlock();
        }

    private:
        async_mutex* mutex_;
    };

    explicit async_mutex(boost::asio::any_io_executor executor)
        : waiters_(std::move(executor)) {}

    // Completes once the caller holds the mutex; waiters are served in arrival order. Fails
    // (without the mutex) when the waiting coroutine is cancelled. The mutex must outlive every
    // lock() in progress.
    [[nodiscard]] boost::asio::awaitable<boost::system::result<guard>> lock();

private:
    // Hands the mutex straight to the longest waiter, if any.
    void unlock();

    bool locked_ = false;
    // Capacity 0: a send succeeds only when a waiter is there to take it.
    boost::asio::experimental::channel<void(boost::system::error_code)> waiters_;
};

} // namespace siren::net
