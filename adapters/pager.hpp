#pragma once
// A paging provider (Slack DM, PagerDuty, Opsgenie). Every call is idempotent by dedup key: a
// retried trigger does not page twice, and acknowledging or resolving twice is harmless. A
// provider that cannot deduplicate by key itself says instead, when asked, whether an attempt
// whose answer was lost got through.

#include "adapters/call_result.hpp"
#include "core/effect.hpp"

#include <string>

#include <boost/asio/awaitable.hpp>

namespace siren::adapters {

class pager {
public:
    virtual ~pager() = default;

    virtual std::string_view provider() const = 0; // "slack", "pagerduty", "opsgenie"
    [[nodiscard]] virtual boost::asio::awaitable<call_result<>> trigger(page_user page) = 0;
    // Tells the provider the page was acknowledged elsewhere (a Slack button, `/119 ack`), so it
    // stops notifying the person. An already acknowledged or resolved page is a success.
    [[nodiscard]] virtual boost::asio::awaitable<call_result<>>
    acknowledge(std::string dedup_key) = 0;
    [[nodiscard]] virtual boost::asio::awaitable<call_result<>> resolve(std::string dedup_key) = 0;

    // Whether an earlier trigger (or resolve) of this page took effect although siren never heard
    // back. Providers that deduplicate by key answer false: doing it again is harmless there.
    [[nodiscard]] virtual boost::asio::awaitable<call_result<bool>> triggered_before(page_user) {
        co_return answer(false);
    }
    [[nodiscard]] virtual boost::asio::awaitable<call_result<bool>> resolved_before(std::string) {
        co_return answer(false);
    }
};

} // namespace siren::adapters
