#include "adapters/opsgenie/opsgenie_api.hpp"

#include "adapters/pagers/http_support.hpp"
#include "adapters/pagers/json_access.hpp"
#include "commands/text.hpp"

namespace siren::opsgenie::detail {

namespace {

using pagers::detail::json;

constexpr std::size_t max_detail_characters = 500;

// "Request body is not processable: message: Message can not be empty." from
// {"message","errors":{field: text}}; empty when the body is not such an object.
std::string error_detail(std::string_view body) {
    auto answer = pagers::detail::parse_object(body);
    if (!answer)
        return {};
    std::string out = pagers::detail::text_at(*answer, {"message"});
    const json* errors = pagers::detail::find(*answer, {"errors"});
    std::string listed;
    if (errors && errors->is_object())
        for (const auto& [field, text] : errors->items())
            if (text.is_string())
                listed.append(listed.empty() ? "" : "; ")
                    .append(field)
                    .append(": ")
                    .append(text.get<std::string>());
    if (!listed.empty())
        out = out.empty() ? listed : out + " (" + listed + ")";
    return commands::shorten(out, max_detail_characters);
}

std::string without_trailing_slash(std::string url) {
    while (!url.empty() && url.back() == '/')
        url.pop_back();
    return url;
}

} // namespace

net::http_request api_request(const opsgenie_settings& settings, std::string method,
                              std::string_view path_and_query, std::string body) {
    net::http_request request;
    request.method = std::move(method);
    request.url = without_trailing_slash(settings.api_url).append(path_and_query);
    request.headers = {{"Authorization", "GenieKey " + settings.api_key.value}};
    if (!body.empty())
        request.headers.emplace_back("Content-Type", "application/json");
    request.body = std::move(body);
    return request;
}

adapters::failure failure_of(std::string_view what, const net::http_response& response,
                             std::string_view api_key) {
    std::string name(what);
    std::string status = "HTTP " + std::to_string(response.status);
    std::string detail = error_detail(response.body);
    std::string said = status + (detail.empty() ? "" : ": " + detail);
    if (response.status == 401)
        return {.retryable = false,
                .message = pagers::detail::redacted(
                    name + ": Opsgenie refused the API key (" + said + ")", api_key)};
    if (response.status == 429)
        return {.retryable = true, .message = name + ": rate limited by Opsgenie (HTTP 429)"};
    if (pagers::detail::is_transient(response.status))
        return {.retryable = true, .message = name + " failed (" + status + ")"};
    return {.retryable = false,
            .message = pagers::detail::redacted(name + " was refused (" + said + ")", api_key)};
}

} // namespace siren::opsgenie::detail
