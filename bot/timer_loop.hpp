#pragma once
// Fires the store's durable timers (escalations, reminders) when they are due, for as long as
// siren runs. A restart loses none: timers live in the store and are fired once each.

#include "bot/clock.hpp"
#include "bot/dispatcher.hpp"
#include "bot/effects_runner.hpp"

#include <chrono>

#include <boost/asio/awaitable.hpp>

namespace siren {

// Looks at least every `poll` (timers that decisions add while it sleeps are seen then), and
// wakes the runner when a timer decided effects. Until cancelled.
[[nodiscard]] boost::asio::awaitable<void>
run_timers(dispatcher& dispatch, store::sqlite_store& store, effects_runner& runner,
           const clock& clock, std::chrono::milliseconds poll = std::chrono::seconds(1));

} // namespace siren
