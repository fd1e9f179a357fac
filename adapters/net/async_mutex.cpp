#include "adapters/net/async_mutex.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/use_awaitable.hpp>

namespace siren::net {

namespace asio = boost::asio;

asio::awaitable<boost::system::result<async_mutex::guard>> async_mutex::lock() {
    if (!locked_) {
        locked_ = true;
        co_return guard(*this);
    }
    auto [ec] = co_await waiters_.async_receive(asio::as_tuple(asio::use_awaitable));
    if (ec)
        co_return ec;
    co_return guard(*this); // unlock() handed it over: locked_ never went false
}

void async_mutex::unlock() {
    if (!waiters_.try_send(boost::system::error_code{}))
        locked_ = false;
}

} // namespace siren::net
