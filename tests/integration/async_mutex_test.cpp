#include "adapters/net/async_mutex.hpp"
#include "support/checks.hpp"
#include "support/test_loop.hpp"

#include <vector>

#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/use_awaitable.hpp>

using namespace siren;
using namespace boost::asio::experimental::awaitable_operators;
namespace asio = boost::asio;

namespace {

asio::awaitable<void> take_turn(net::async_mutex* mutex, std::vector<int>* log, int id) {
    auto turn = co_await mutex->lock();
    REQUIRE_OK(turn);
    log->push_back(id);
    // Holds the mutex across suspensions, so that the others must wait.
    auto executor = co_await asio::this_coro::executor;
    co_await asio::post(executor, asio::use_awaitable);
    co_await asio::post(executor, asio::use_awaitable);
    log->push_back(id);
}

asio::awaitable<void> three_turns(test::test_loop* loop) {
    net::async_mutex mutex(loop->io().get_executor());
    std::vector<int> log;
    auto a = take_turn(&mutex, &log, 1);
    auto b = take_turn(&mutex, &log, 2);
    auto c = take_turn(&mutex, &log, 3);
    co_await (std::move(a) && std::move(b) && std::move(c));
    CHECK(log == std::vector<int>{1, 1, 2, 2, 3, 3});
    // Free again: the next lock is immediate.
    auto again = co_await mutex.lock();
    REQUIRE_OK(again);
}

} // namespace

TEST_CASE("the async mutex serves one holder at a time, in arrival order") {
    test::test_loop loop;
    loop.run(three_turns(&loop));
}
