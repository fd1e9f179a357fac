#include "adapters/opsgenie/opsgenie_pager.hpp"

#include "adapters/opsgenie/opsgenie_api.hpp"
#include "adapters/pagers/http_support.hpp"
#include "adapters/pagers/json_access.hpp"
#include "commands/text.hpp"

#include <algorithm>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

namespace siren::opsgenie {

namespace asio = boost::asio;
using adapters::call_result;
using adapters::failed;
using pagers::detail::json;

namespace {

constexpr std::string_view not_processed = "RequestNotProcessed";
constexpr std::string_view alert_gone = "Alert does not exist";

std::string_view priority_of(severity level) {
    switch (level) {
    case severity::s0:
        return "P1";
    case severity::s1:
        return "P2";
    case severity::s2:
        return "P3";
    case severity::s3:
        return "P4";
    case severity::s4:
        return "P5";
    }
    return "P3";
}

std::string description_of(const page_user& page, std::string_view name) {
    std::string out(name);
    out += page.rotation.empty() ? " is paged" : " is paged for " + page.rotation;
    out.append(" (").append(to_string(page.level)).append(") by siren.");
    if (!page.summary.empty())
        out.append("\n\n").append(page.summary);
    return commands::shorten(out, opsgenie_pager::max_description_characters);
}

// An acknowledge or close whose alert is gone, or already in that state, changed nothing that
// a retry could: the page is done with.
bool already_done(std::string_view status) {
    return status == alert_gone ||
           commands::lower_ascii(status).find("already") != std::string::npos;
}

} // namespace

opsgenie_pager::opsgenie_pager(net::http_client& http, const opsgenie_settings& settings,
                               pagers::person_lookup find_person, request_polling polling)
    : http_(http)
    , settings_(settings)
    , find_person_(std::move(find_person))
    , polling_(polling) {}

asio::awaitable<call_result<>> opsgenie_pager::trigger(page_user page) {
    if (page.dedup_key.empty())
        co_return failed(
            {.retryable = false, .message = "Opsgenie create: the page has no dedup key"});
    const person* who = find_person_ ? find_person_(page.user) : nullptr;
    std::string name = pagers::display_name(who, page.user);
    std::string message = page.summary.empty() ? "Page for " + name : page.summary;
    json tags = json::array({"siren"});
    if (!page.rotation.empty())
        tags.push_back(commands::shorten(page.rotation, max_tag_characters));
    json alert = {{"message", commands::shorten(message, max_message_characters)},
                  {"alias", page.dedup_key},
                  {"description", description_of(page, name)},
                  {"priority", priority_of(page.level)},
                  {"tags", std::move(tags)},
                  {"details", pagers::detail::page_details(page, who, name)},
                  {"source", "siren"}};
    if (who && !who->email.empty())
        alert["responders"] = json::array({{{"type", "user"}, {"username", who->email}}});
    std::string body = pagers::detail::to_text(alert);
    co_return co_await act("Opsgenie create", "/v2/alerts", std::move(body), false);
}

asio::awaitable<call_result<>> opsgenie_pager::acknowledge(std::string dedup_key) {
    co_return co_await change("acknowledge", std::move(dedup_key));
}

asio::awaitable<call_result<>> opsgenie_pager::resolve(std::string dedup_key) {
    co_return co_await change("close", std::move(dedup_key));
}

asio::awaitable<call_result<>> opsgenie_pager::change(std::string action, std::string dedup_key) {
    std::string what = "Opsgenie " + action;
    if (dedup_key.empty())
        co_return failed({.retryable = false, .message = what + ": no dedup key"});
    std::string path = "/v2/alerts/" + pagers::detail::url_encode(dedup_key) + "/" + action +
                       "?identifierType=alias";
    json note = {{"source", "siren"}, {"user", "siren"}};
    std::string body = pagers::detail::to_text(note);
    co_return co_await act(std::move(what), std::move(path), std::move(body), true);
}

asio::awaitable<call_result<>> opsgenie_pager::act(std::string what, std::string path_and_query,
                                                   std::string body, bool gone_is_done) {
    if (settings_.api_key.empty())
        co_return failed(
            {.retryable = false,
             .message = what + ": no Opsgenie API key is configured (OPSGENIE_API_KEY)"});
    net::http_request request =
        detail::api_request(settings_, "POST", path_and_query, std::move(body));
    auto response = co_await http_.send(std::move(request));
    if (!response)
        co_return failed(pagers::detail::unreachable(what, response.error()));
    if (response->status < 200 || response->status > 299)
        co_return failed(detail::failure_of(what, *response, settings_.api_key.value));
    auto accepted = pagers::detail::parse_object(response->body);
    std::string request_id = accepted ? pagers::detail::text_at(*accepted, {"requestId"}) : "";
    // A 202 means Opsgenie took the request; without an id there is nothing more to learn.
    if (request_id.empty())
        co_return adapters::succeeded();
    co_return co_await await_processed(std::move(what), std::move(request_id), gone_is_done);
}

asio::awaitable<call_result<>>
opsgenie_pager::await_processed(std::string what, std::string request_id, bool gone_is_done) {
    std::string path = "/v2/alerts/requests/" + pagers::detail::url_encode(request_id);
    asio::steady_timer timer(co_await asio::this_coro::executor);
    std::chrono::milliseconds delay = polling_.first_delay;
    std::chrono::milliseconds waited{0};
    for (;;) {
        net::http_request poll = detail::api_request(settings_, "GET", path, "");
        auto response = co_await http_.send(std::move(poll));
        if (!response)
            co_return failed(pagers::detail::unreachable(what + " status", response.error()));
        bool pending =
            response->status == 404 &&
            pagers::detail::header_of(*response, "X-Opsgenie-Errortype") == not_processed;
        if (!pending) {
            if (response->status < 200 || response->status > 299)
                co_return failed(
                    detail::failure_of(what + " status", *response, settings_.api_key.value));
            auto answer = pagers::detail::parse_object(response->body);
            const json* success =
                answer ? pagers::detail::find(*answer, {"data", "isSuccess"}) : nullptr;
            if (!success || !success->is_boolean())
                co_return failed({.retryable = true,
                                  .message = what + " status: an answer without data.isSuccess"});
            if (success->get<bool>())
                co_return adapters::succeeded();
            std::string status = pagers::detail::text_at(*answer, {"data", "status"});
            if (gone_is_done && already_done(status))
                co_return adapters::succeeded();
            co_return failed(
                {.retryable = false,
                 .message = pagers::detail::redacted(
                     what + " failed at Opsgenie: " + (status.empty() ? "no status given" : status),
                     settings_.api_key.value)});
        }
        if (waited + delay > polling_.give_up_after)
            co_return failed({.retryable = true,
                              .message = what + ": Opsgenie had not processed request " +
                                         request_id + " after " + std::to_string(waited.count()) +
                                         " ms"});
        timer.expires_after(delay);
        auto [ec] = co_await timer.async_wait(asio::as_tuple(asio::use_awaitable));
        if (ec)
            co_return failed(
                {.retryable = true, .message = what + " was cancelled waiting for Opsgenie"});
        waited += delay;
        delay = std::min(delay * 2, polling_.max_delay);
    }
}

} // namespace siren::opsgenie
