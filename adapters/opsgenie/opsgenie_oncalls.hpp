#pragma once
// Who Opsgenie's schedule says is on call (who-is-on-call API, protocols.md §6), for rotations
// whose source is opsgenie.

#include "adapters/net/http_client.hpp"
#include "adapters/oncall_source.hpp"
#include "core/settings.hpp"

namespace siren::opsgenie {

class opsgenie_oncalls final : public adapters::oncall_source {
public:
    // Uses api_url and api_key. http must outlive the source and every call.
    opsgenie_oncalls(net::http_client& http, const opsgenie_settings& settings);

    // GET /v2/schedules/{name}/on-calls?scheduleIdentifierType=name&flat=true&date=<at>: the
    // recipients in Opsgenie's order, each an e-mail (a recipient that is not one goes into
    // name, with no e-mail); no start or end, which the API does not give. Failures as
    // opsgenie_pager's (401 "Opsgenie refused the API key", 404 for an unknown schedule,
    // 429 and 5xx retryable); an answer without data.onCallRecipients is permanent.
    [[nodiscard]] boost::asio::awaitable<
        adapters::call_result<std::vector<adapters::external_shift>>>
    on_call(std::string schedule, time_point at) override;

private:
    net::http_client& http_;
    opsgenie_settings settings_;
};

} // namespace siren::opsgenie
