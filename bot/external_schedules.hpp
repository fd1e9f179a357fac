#pragma once
// Who PagerDuty's or Opsgenie's own schedules say is on call, for rotations whose `source` is one
// of them. Handlers cannot wait on the network, so the answers are fetched in the background
// every minute and kept; the people directory reads the latest one.

#include "adapters/oncall_source.hpp"
#include "bot/clock.hpp"
#include "core/settings.hpp"

#include <chrono>
#include <map>
#include <string>
#include <vector>

#include <boost/asio/awaitable.hpp>

namespace siren {

class external_schedules {
public:
    // A source may be null when its provider is not configured; its rotations then have nobody.
    external_schedules(const settings& config, adapters::oncall_source* pagerduty,
                       adapters::oncall_source* opsgenie);

    // The people on call in a rotation's external schedule, primary first, as last fetched;
    // empty for a rotation siren schedules itself, or before the first answer.
    std::vector<adapters::external_shift> on_call(std::string_view rotation) const;

    // Asks every external schedule once. A failure keeps the previous answer (and is logged):
    // a provider's hiccup must not leave a rotation unstaffed.
    [[nodiscard]] boost::asio::awaitable<void> refresh(time_point now);
    // refresh() every `every`, until cancelled.
    [[nodiscard]] boost::asio::awaitable<void>
    run(const clock& clock, std::chrono::seconds every = std::chrono::seconds(60));

private:
    const settings& config_;
    adapters::oncall_source* pagerduty_;
    adapters::oncall_source* opsgenie_;
    std::map<std::string, std::vector<adapters::external_shift>, std::less<>> latest_;
};

} // namespace siren
