#pragma once
// One call of a tracker's REST API (GitLab, Jira), with what both treat alike: a transport
// failure or a transient status (429, 5xx) is a retryable failure, honouring Retry-After, and
// marked outcome-unknown when a change may have been made anyway.

#include "adapters/call_result.hpp"
#include "adapters/net/http_client.hpp"

#include <string>

#include <boost/asio/awaitable.hpp>

namespace siren::trackers {

// `name` says what was asked ("GitLab create issue"), `service` who answered ("GitLab"). Any
// other answer, 2xx or a refusal, comes back as the response for the tracker to read.
[[nodiscard]] boost::asio::awaitable<adapters::call_result<net::http_response>>
send_to_tracker(net::http_client& http, std::string name, std::string service,
                net::http_request request);

} // namespace siren::trackers
