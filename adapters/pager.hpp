#pragma once
// A paging provider (Slack DM, PagerDuty, Opsgenie). Both calls are idempotent by dedup key.

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
    [[nodiscard]] virtual boost::asio::awaitable<call_result<>> resolve(std::string dedup_key) = 0;
};

} // namespace siren::adapters
