#pragma once
// Paging through PagerDuty's Events API v2 (protocols.md §5.1; paging.provider: pagerduty).
// Events route by integration (a service), not by person: PagerDuty's escalation policy decides
// whom it notifies, so the person siren pages is named in the summary and custom_details.
//
// Failures read "PagerDuty <action> …" and never hold the routing key.

#include "adapters/net/http_client.hpp"
#include "adapters/pager.hpp"
#include "adapters/pagers/person_lookup.hpp"
#include "core/settings.hpp"

#include <cstddef>
#include <string>
#include <string_view>

namespace siren::pagerduty {

class pagerduty_pager final : public adapters::pager {
public:
    static constexpr std::size_t max_summary_characters = 1024;

    // Uses events_api_url and routing_key. http must outlive the pager and every call.
    pagerduty_pager(net::http_client& http, const pagerduty_settings& settings,
                    pagers::person_lookup find_person);

    std::string_view provider() const override { return "pagerduty"; }

    // A trigger event with the page's dedup_key: "<person> paged for <rotation> (S1): <summary>"
    // cut to max_summary_characters, source "siren", the severity (S0, S1 critical; S2 error;
    // S3 warning; S4 info), component = rotation, and the person and rotation in custom_details.
    // A person find_person does not know is named by siren's user id. Answers:
    //  - 2xx (202): success, also when PagerDuty names another dedup_key (siren keeps its own).
    //  - 400: permanent, with PagerDuty's message and errors.
    //  - 408, 429, 5xx, no answer: retryable, without retry_after (the runner backs off).
    //  - any other status: permanent.
    [[nodiscard]] boost::asio::awaitable<adapters::call_result<>> trigger(page_user page) override;
    // acknowledge and resolve events for dedup_key, answered as trigger is. PagerDuty drops
    // them quietly (202) for an alert already resolved, so they are idempotent.
    [[nodiscard]] boost::asio::awaitable<adapters::call_result<>>
    acknowledge(std::string dedup_key) override;
    [[nodiscard]] boost::asio::awaitable<adapters::call_result<>>
    resolve(std::string dedup_key) override;

private:
    boost::asio::awaitable<adapters::call_result<>> send_event(std::string action,
                                                               std::string body);
    boost::asio::awaitable<adapters::call_result<>> change(std::string action,
                                                           std::string dedup_key);

    net::http_client& http_;
    std::string events_api_url_;
    std::string routing_key_;
    pagers::person_lookup find_person_;
};

} // namespace siren::pagerduty
