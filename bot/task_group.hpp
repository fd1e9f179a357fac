#pragma once
// Every background coroutine of the daemon is started here: it gets a name, its exception is
// logged instead of lost, and shutdown can cancel all of them at once. (co_spawn with `detached`
// would swallow exceptions and could not be cancelled.)

#include <list>
#include <string>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/cancellation_signal.hpp>

namespace siren {

class task_group {
public:
    explicit task_group(boost::asio::any_io_executor executor);
    task_group(const task_group&) = delete;
    task_group& operator=(const task_group&) = delete;

    void spawn(std::string name, boost::asio::awaitable<void> task);

    // Asks every running task to stop: each is abandoned at its next wait.
    void cancel_all();

    std::size_t running() const { return signals_.size(); }

private:
    boost::asio::any_io_executor executor_;
    std::list<boost::asio::cancellation_signal> signals_;
};

} // namespace siren
