#pragma once
// Atlassian Statuspage over its REST API v1 (status_mirror.kind: statuspage), authenticated by
// `Authorization: OAuth <api key>`. A siren incident is one Statuspage incident of the same
// name; its affected component is the one `status_mirror.components` maps the incident's
// service to.

#include "adapters/net/http_client.hpp"
#include "adapters/status_host.hpp"
#include "core/settings.hpp"

#include <string_view>

namespace siren::status_hosts {

// Statuspage's incident status for a stage: declared and investigating are "investigating",
// resolved and closed "resolved".
std::string_view statuspage_status(stage s);
// Statuspage's component status: the public status while the incident is open
// (partial_outage for a partial service disruption, major_outage for a service disruption or a
// security issue), operational once it is resolved.
std::string_view statuspage_component_status(stage s, public_status status);
// The JSON body of a create (with the name) or an update: {"incident": {...}}.
std::string statuspage_request_body(const adapters::hosted_incident& incident,
                                    std::string_view component_id, bool with_name);

class statuspage_host final : public adapters::status_host {
public:
    // Uses base_url, page_id, components and api_key. http must outlive the host and every call.
    statuspage_host(net::http_client& http, const status_mirror_settings& settings);

    std::string_view kind() const override { return "Statuspage"; }

    // POST /v1/pages/{page_id}/incidents. 201: the incident's id. 400, 401, 403, 404, 422:
    // permanent, with Statuspage's error. 420 and 429 (rate limits): retryable after
    // Retry-After. 5xx, no answer: retryable, the outcome unknown.
    [[nodiscard]] boost::asio::awaitable<adapters::call_result<std::string>>
    create_incident(adapters::hosted_incident incident) override;
    // GET /v1/pages/{page_id}/incidents/unresolved, those of that name.
    [[nodiscard]] boost::asio::awaitable<adapters::call_result<std::vector<std::string>>>
    open_incidents_named(std::string name) override;
    // PATCH /v1/pages/{page_id}/incidents/{id} with the status, the components and the body.
    [[nodiscard]] boost::asio::awaitable<adapters::call_result<>>
    update_incident(std::string id, adapters::hosted_incident incident) override;

private:
    [[nodiscard]] boost::asio::awaitable<adapters::call_result<net::http_response>>
    call(std::string action, std::string method, std::string path, std::string body);
    std::string component_of(const std::string& service) const;

    net::http_client& http_;
    std::string api_; // "https://api.statuspage.io/v1/pages/<page id>"
    std::map<std::string, std::string> components_;
    std::string api_key_;
    std::string authorization_; // "OAuth <api key>"
};

} // namespace siren::status_hosts
