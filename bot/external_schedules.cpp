#include "bot/external_schedules.hpp"

#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <spdlog/spdlog.h>

namespace siren {

namespace asio = boost::asio;

external_schedules::external_schedules(const settings& config, adapters::oncall_source* pagerduty,
                                       adapters::oncall_source* opsgenie)
    : config_(config)
    , pagerduty_(pagerduty)
    , opsgenie_(opsgenie) {}

std::vector<adapters::external_shift> external_schedules::on_call(std::string_view rotation) const {
    auto found = latest_.find(rotation);
    return found == latest_.end() ? std::vector<adapters::external_shift>{} : found->second;
}

asio::awaitable<void> external_schedules::refresh(time_point now) {
    for (const rotation_settings& r : config_.rotations) {
        adapters::oncall_source* source = r.source == schedule_source::pagerduty  ? pagerduty_
                                          : r.source == schedule_source::opsgenie ? opsgenie_
                                                                                  : nullptr;
        if (r.source == schedule_source::siren)
            continue;
        if (!source) {
            spdlog::error("rotation {} takes its schedule from {}, whose API key is not set: "
                          "nobody is on call for it",
                          r.name,
                          r.source == schedule_source::pagerduty ? "PagerDuty" : "Opsgenie");
            continue;
        }
        auto answer = co_await source->on_call(r.external_id, now);
        if (!answer) {
            spdlog::warn("could not ask who is on call for {} ({}); keeping the last answer: {}",
                         r.name, r.external_id, answer.error().message);
            continue;
        }
        std::string who;
        for (const auto& s : *answer)
            who += (who.empty() ? "" : ", ") + (s.email.empty() ? s.name : s.email);
        spdlog::debug("on call for {} in {}: {}", r.name, r.external_id,
                      who.empty() ? "nobody" : who);
        latest_[r.name] = std::move(*answer);
    }
}

asio::awaitable<void> external_schedules::run(const clock& clock, std::chrono::seconds every) {
    asio::steady_timer sleep(co_await asio::this_coro::executor);
    for (;;) {
        co_await refresh(clock.now());
        sleep.expires_after(every);
        co_await sleep.async_wait(asio::use_awaitable);
    }
}

} // namespace siren
