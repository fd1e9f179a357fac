#pragma once
// status.io over its REST API v2 (status_mirror.kind: statusio), authenticated by the
// `x-api-id` and `x-api-key` headers, as status.io's own client libraries call it. A siren
// incident is one status.io incident of the same name; what it affects is the component and
// container (location) `status_mirror.components` maps the incident's service to.
//
// status.io answers {"status": {"error": "no"|"yes", "message": ...}, "result": ...}, a refusal
// possibly with HTTP 200: "yes" is a permanent failure. Its API cannot reopen a resolved
// incident: an update of one is sent as any other and may be refused
// (docs/integrations.md#hosted-status-page).

#include "adapters/net/http_client.hpp"
#include "adapters/status_host.hpp"
#include "core/settings.hpp"

#include <string_view>

namespace siren::status_hosts {

// status.io's current_status: 100 operational, 300 degraded performance, 400 partial service
// disruption, 500 service disruption, 600 security event while the incident is open; 100 once
// it is resolved.
int statusio_status(stage s, public_status status);
// status.io's current_state: 100 investigating (declared too), 200 identified, 300 monitoring.
// status.io has no resolved state (incident/resolve is the resolution): 300 for resolved and
// closed.
int statusio_state(stage s);
// The message status.io requires on every change (incident_details): the public update when
// there is one, else a line siren writes from the stage and the public status ("Identified:
// service disruption.", "Resolved.").
std::string statusio_details(const adapters::hosted_incident& incident);
// The JSON body of incident/create (`incident_id` empty, infrastructure_affected
// "<component>-<container>" when both are known) or of incident/update and incident/resolve.
std::string statusio_request_body(const adapters::hosted_incident& incident,
                                  std::string_view page_id, std::string_view incident_id,
                                  std::string_view component, std::string_view container);

class statusio_host final : public adapters::status_host {
public:
    // Uses base_url, page_id, components, containers, api_id and api_key. http must outlive the
    // host and every call.
    statusio_host(net::http_client& http, const status_mirror_settings& settings);

    std::string_view kind() const override { return "status.io"; }

    // POST incident/create: the new incident's id (`result`). "error": "yes", 400, 401, 403,
    // 404: permanent, with status.io's message. 429: retryable after Retry-After. 5xx, no
    // answer: retryable, the outcome unknown.
    [[nodiscard]] boost::asio::awaitable<adapters::call_result<std::string>>
    create_incident(adapters::hosted_incident incident) override;
    // GET incident/list/{statuspage_id}: those of its active_incidents of that name.
    [[nodiscard]] boost::asio::awaitable<adapters::call_result<std::vector<std::string>>>
    open_incidents_named(std::string name) override;
    // POST incident/update while the stage is open; incident/resolve once resolved or closed.
    [[nodiscard]] boost::asio::awaitable<adapters::call_result<>>
    update_incident(std::string id, adapters::hosted_incident incident) override;

private:
    // The answer's JSON once status.io said "error": "no".
    [[nodiscard]] boost::asio::awaitable<adapters::call_result<std::string>>
    call(std::string action, std::string method, std::string path, std::string body);
    std::string body_for(const adapters::hosted_incident& incident, std::string_view id) const;

    net::http_client& http_;
    std::string api_; // "https://api.status.io/v2"
    std::string page_id_;
    std::map<std::string, std::string> components_;
    std::map<std::string, std::string> containers_;
    std::string api_id_;
    std::string api_key_;
};

} // namespace siren::status_hosts
