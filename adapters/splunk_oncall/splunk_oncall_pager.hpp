#pragma once
// Paging through Splunk On-Call's (VictorOps) REST endpoint integration (protocols.md §8;
// paging.provider: splunk_oncall): POST <rest_url>/<routing key> with a JSON alert whose
// entity_id is the page's dedup key, so that a trigger sent again updates the same incident and
// ACKNOWLEDGEMENT and RECOVERY reach it.
//
// The URL holds the API key: failures read "Splunk On-Call <action> …" and never hold the URL,
// the API key, or anything Splunk On-Call echoed of them.

#include "adapters/net/http_client.hpp"
#include "adapters/pager.hpp"
#include "adapters/pagers/person_lookup.hpp"
#include "core/settings.hpp"

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace siren::splunk_oncall {

// The rotation a page was sent for ("eoc", "eoc:secondary", "@dana"), found by its dedup key;
// nullopt when siren has no record of it. Acknowledge and resolve use it to pick the routing
// key the trigger went to.
using rotation_lookup = std::function<std::optional<std::string>(std::string_view dedup_key)>;

// The routing key for a rotation: routing_keys[rotation], else routing_keys of the rotation
// without its ":secondary" suffix, else the default routing_key. Empty when none applies.
std::string routing_key_for(const splunk_oncall_settings& settings, std::string_view rotation);

// The endpoint URL for a routing key: rest_url without a trailing "/" or "/$routing_key" (as
// Splunk On-Call's integration page shows it), then "/" and the routing key, escaped.
std::string alert_url(std::string_view rest_url, std::string_view routing_key);

class splunk_oncall_pager final : public adapters::pager {
public:
    static constexpr std::size_t max_display_name_characters = 255;
    static constexpr std::size_t max_state_message_characters = 10'000;

    // Uses rest_url, routing_key and routing_keys. http must outlive the pager and every call.
    splunk_oncall_pager(net::http_client& http, const splunk_oncall_settings& settings,
                        pagers::person_lookup find_person, rotation_lookup rotation_of);

    std::string_view provider() const override { return "splunk_oncall"; }

    // message_type CRITICAL, entity_id = dedup_key, entity_display_name "<person> paged for
    // <rotation> (S1): <summary>", state_message naming the person, monitoring_tool "siren", and
    // the page's details as extra fields. Answers:
    //  - 2xx with result "success" (or no JSON): success.
    //  - 2xx with result "failure", 400, 401, 403, 404 and other 4xx: permanent (a wrong API key
    //    or routing key does not get better by retrying).
    //  - 408, 429, 5xx, no answer: retryable.
    [[nodiscard]] boost::asio::awaitable<adapters::call_result<>> trigger(page_user page) override;
    // ACKNOWLEDGEMENT / RECOVERY for entity_id = dedup_key, with ack_author "siren", to the
    // routing key of the page's rotation. Splunk On-Call accepts them for an incident already
    // acknowledged or resolved, so they are idempotent.
    [[nodiscard]] boost::asio::awaitable<adapters::call_result<>>
    acknowledge(std::string dedup_key) override;
    [[nodiscard]] boost::asio::awaitable<adapters::call_result<>>
    resolve(std::string dedup_key) override;

private:
    boost::asio::awaitable<adapters::call_result<>> send(std::string action,
                                                         std::string routing_key, std::string body);
    boost::asio::awaitable<adapters::call_result<>>
    change(std::string action, std::string message_type, std::string dedup_key);
    adapters::failure secret_free(adapters::failure f) const;

    net::http_client& http_;
    splunk_oncall_settings settings_;
    pagers::person_lookup find_person_;
    rotation_lookup rotation_of_;
};

} // namespace siren::splunk_oncall
