#pragma once
// A paging provider (Slack DM, PagerDuty, Opsgenie). Every call is idempotent by dedup key: a
// retried trigger does not page twice, and acknowledging or resolving twice is harmless.

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
};

} // namespace siren::adapters
