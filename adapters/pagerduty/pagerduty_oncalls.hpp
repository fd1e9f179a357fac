#pragma once
// Who PagerDuty's schedule says is on call (REST GET /oncalls, protocols.md §5.2), for rotations
// whose source is pagerduty.

#include "adapters/oncall_source.hpp"
#include "adapters/pagerduty/pagerduty_rest.hpp"

namespace siren::pagerduty {

class pagerduty_oncalls final : public adapters::oncall_source {
public:
    // http must outlive the source and every call.
    pagerduty_oncalls(net::http_client& http, const pagerduty_settings& settings);

    // GET /oncalls for the schedule id ("PI7DH85") around `at`, users included. The people whose
    // on-call covers `at`, by escalation level (the lowest first), each once. Failures as
    // pagerduty_rest::get says; an answer that is not the documented shape, or an unreadable
    // start or end, is a permanent failure.
    [[nodiscard]] boost::asio::awaitable<
        adapters::call_result<std::vector<adapters::external_shift>>>
    on_call(std::string schedule, time_point at) override;

private:
    pagerduty_rest rest_;
};

} // namespace siren::pagerduty
