#include "bot/task_group.hpp"

#include <boost/asio/bind_cancellation_slot.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/error.hpp>
#include <boost/asio/post.hpp>
#include <boost/system/system_error.hpp>
#include <spdlog/spdlog.h>

namespace siren {

namespace asio = boost::asio;

task_group::task_group(asio::any_io_executor executor)
    : executor_(std::move(executor)) {}

void task_group::spawn(std::string name, asio::awaitable<void> task) {
    auto signal = signals_.emplace(signals_.end());
    auto finished = [this, signal, name = std::move(name)](std::exception_ptr error) {
        if (error) {
            try {
                std::rethrow_exception(error);
            } catch (const boost::system::system_error& e) {
                if (e.code() == asio::error::operation_aborted)
                    spdlog::debug("task {} stopped", name);
                else
                    spdlog::error("task {} ended with an error: {}", name, e.what());
            } catch (const std::exception& e) {
                spdlog::error("task {} ended with an error: {}", name, e.what());
            } catch (...) {
                spdlog::error("task {} ended with an unknown error", name);
            }
        }
        // Not erased here: the signal's slot may still be in use while this handler runs.
        asio::post(executor_, [this, signal] { signals_.erase(signal); });
    };
    asio::co_spawn(executor_, std::move(task),
                   asio::bind_cancellation_slot(signal->slot(), std::move(finished)));
}

void task_group::cancel_all() {
    for (auto& signal : signals_)
        signal.emit(asio::cancellation_type::terminal);
}

} // namespace siren
