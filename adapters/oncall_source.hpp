#pragma once
// Who a paging provider's own schedule says is on call (PagerDuty `GET /oncalls`, Opsgenie
// who-is-on-call), for rotations whose config says the provider is the source of truth.

#include "adapters/call_result.hpp"
#include "core/time.hpp"

#include <optional>
#include <string>
#include <vector>

#include <boost/asio/awaitable.hpp>

namespace siren::adapters {

// One person on call in the provider's schedule. People are matched to siren's by e-mail.
struct external_shift {
    std::string email;                 // may be empty when the provider did not give one
    std::string name;                  // the provider's display name, for logs
    std::optional<time_point> start{}; // nullopt: the provider gave none (a permanent on-call)
    std::optional<time_point> end{};
};

class oncall_source {
public:
    virtual ~oncall_source() = default;
    // The people on call at `at` in the schedule `schedule` (PagerDuty schedule id, Opsgenie
    // schedule name), the first being the primary. Empty when nobody is.
    [[nodiscard]] virtual boost::asio::awaitable<call_result<std::vector<external_shift>>>
    on_call(std::string schedule, time_point at) = 0;
};

} // namespace siren::adapters
