#pragma once
// One call of a REST API siren records things in (GitLab, Jira, Statuspage, status.io), with what
// they all treat alike: a transport failure or a transient status (429, 5xx) is a retryable
// failure, honouring Retry-After, and marked outcome-unknown when a change may have been made
// anyway.

#include "adapters/call_result.hpp"
#include "adapters/net/http_client.hpp"

#include <string>
#include <string_view>
#include <utility>

#include <boost/asio/awaitable.hpp>

namespace siren::trackers {

// A request with a JSON body (none when `body` is empty), asking for JSON back, authenticated
// by `authentication` (a header name and its value).
net::http_request json_request(std::string method, std::string url,
                               std::pair<std::string, std::string> authentication,
                               std::string body);

// The permanent failure of a call the service refused: "<name> was refused (HTTP <status>:
// <detail>)", with every occurrence of `secret` redacted (services may quote what they got).
adapters::failure refused(std::string_view name, int status, std::string_view detail,
                          std::string_view secret);

// `name` says what was asked ("GitLab create issue"), `service` who answered ("GitLab"). Any
// other answer, 2xx or a refusal, comes back as the response for the caller to read.
[[nodiscard]] boost::asio::awaitable<adapters::call_result<net::http_response>>
send_to_service(net::http_client& http, std::string name, std::string service,
                net::http_request request);

} // namespace siren::trackers
