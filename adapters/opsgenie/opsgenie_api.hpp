#pragma once
// What the Opsgenie pager and on-call source share (protocols.md §6): the request with the
// GenieKey, and what an unsuccessful status means. For the .cpp files of siren_pagers only.

#include "adapters/call_result.hpp"
#include "adapters/net/http_client.hpp"
#include "core/settings.hpp"

#include <string>
#include <string_view>

namespace siren::opsgenie::detail {

// A request to api_url + path_and_query with the key; a JSON body when body is not empty.
net::http_request api_request(const opsgenie_settings& settings, std::string method,
                              std::string_view path_and_query, std::string body);

// The failure an answer that is not a 2xx means; what names the call ("Opsgenie create").
//  - 401: permanent, "Opsgenie refused the API key".
//  - 422 and other 4xx: permanent, with Opsgenie's message and errors.
//  - 408, 429, 5xx: retryable.
// The message never holds api_key.
adapters::failure failure_of(std::string_view what, const net::http_response& response,
                             std::string_view api_key);

} // namespace siren::opsgenie::detail
