#include "bot/timer_loop.hpp"

#include <algorithm>

#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

namespace siren {

namespace asio = boost::asio;

asio::awaitable<void> run_timers(dispatcher& dispatch, store::sqlite_store& store,
                                 effects_runner& runner, const clock& clock,
                                 std::chrono::milliseconds poll) {
    asio::steady_timer sleep(co_await asio::this_coro::executor);
    for (;;) {
        if (dispatch.fire_due_timers(clock.now()))
            runner.wake();
        std::chrono::steady_clock::duration wait = poll;
        if (auto next = store.next_timer_due())
            wait = std::clamp<std::chrono::steady_clock::duration>(
                *next - clock.now(), std::chrono::milliseconds(0), wait);
        sleep.expires_after(wait);
        co_await sleep.async_wait(asio::use_awaitable);
    }
}

} // namespace siren
