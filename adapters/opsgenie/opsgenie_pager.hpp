#pragma once
// Paging through Opsgenie's Alert API (protocols.md §6; paging.provider: opsgenie): an alert
// whose alias is the page's dedup key, with the paged person as its responder.
//
// Opsgenie accepts actions asynchronously (202 with a requestId). Every call then polls the
// request's status until Opsgenie processed it, so that a success means the action was carried
// out. Failures read "Opsgenie <action> …" and never hold the API key.

#include "adapters/net/http_client.hpp"
#include "adapters/pager.hpp"
#include "adapters/pagers/person_lookup.hpp"
#include "core/settings.hpp"

#include <chrono>
#include <cstddef>
#include <string>
#include <string_view>

namespace siren::opsgenie {

// How long a call waits for Opsgenie to process its request. The first status poll is sent at
// once; while the answer is 404 RequestNotProcessed the next waits first_delay, doubling up to
// max_delay, until the waits would pass give_up_after.
struct request_polling {
    std::chrono::milliseconds first_delay{200};
    std::chrono::milliseconds max_delay{2'000};
    std::chrono::milliseconds give_up_after{10'000};
};

class opsgenie_pager final : public adapters::pager {
public:
    static constexpr std::size_t max_message_characters = 130;
    static constexpr std::size_t max_description_characters = 15'000;
    static constexpr std::size_t max_tag_characters = 50;

    // Uses api_url and api_key. http must outlive the pager and every call; the waits between
    // status polls run on the calling coroutine's executor.
    opsgenie_pager(net::http_client& http, const opsgenie_settings& settings,
                   pagers::person_lookup find_person, request_polling polling = {});

    std::string_view provider() const override { return "opsgenie"; }

    // POST /v2/alerts: message = the summary cut to max_message_characters, alias = dedup_key,
    // a description naming the person, the person (by e-mail, when known) as the responder,
    // priority S0→P1 … S4→P5, tags ["siren", rotation], details. Then the request's status:
    //  - isSuccess: success; isSuccess false: permanent, with Opsgenie's status text.
    //  - still not processed after request_polling::give_up_after: retryable (a create sent
    //    again only counts up the open alert with that alias).
    //  - 401: permanent ("Opsgenie refused the API key"); 422 and other 4xx: permanent, with
    //    Opsgenie's errors; 408, 429, 5xx, no answer: retryable.
    [[nodiscard]] boost::asio::awaitable<adapters::call_result<>> trigger(page_user page) override;
    // POST /v2/alerts/{alias}/acknowledge|close?identifierType=alias, then the status as for
    // trigger, except that "Alert does not exist" (and an alert already acknowledged or closed)
    // counts as done.
    [[nodiscard]] boost::asio::awaitable<adapters::call_result<>>
    acknowledge(std::string dedup_key) override;
    [[nodiscard]] boost::asio::awaitable<adapters::call_result<>>
    resolve(std::string dedup_key) override;

private:
    boost::asio::awaitable<adapters::call_result<>>
    act(std::string what, std::string path_and_query, std::string body, bool gone_is_done);
    boost::asio::awaitable<adapters::call_result<>>
    await_processed(std::string what, std::string request_id, bool gone_is_done);
    boost::asio::awaitable<adapters::call_result<>> change(std::string action,
                                                           std::string dedup_key);

    net::http_client& http_;
    opsgenie_settings settings_;
    pagers::person_lookup find_person_;
    request_polling polling_;
};

} // namespace siren::opsgenie
