#pragma once
// A hosted status page (Atlassian Statuspage, status.io) that mirrors siren's own
// (docs/integrations.md#hosted-status-page). Creating an incident there is not idempotent: when
// an earlier attempt's answer was lost, the runner asks for the open incidents of that name
// before creating again.
//
// Failures read "<Host> <action> …" and never hold the API key.

#include "adapters/call_result.hpp"
#include "core/public_status.hpp"
#include "core/stage.hpp"

#include <string>
#include <vector>

#include <boost/asio/awaitable.hpp>

namespace siren::adapters {

// What the host's incident should show now.
struct hosted_incident {
    std::string name;
    std::string service; // siren's name of the affected component; empty: none
    stage current = stage::declared;
    public_status status = public_status::degraded_performance;
    std::string body{}; // a public update to post; empty: none
};

class status_host {
public:
    virtual ~status_host() = default;

    virtual std::string_view kind() const = 0; // "Statuspage", "status.io"
    // The host's id of the new incident.
    [[nodiscard]] virtual boost::asio::awaitable<call_result<std::string>>
    create_incident(hosted_incident incident) = 0;
    // The ids of the host's unresolved incidents named `name`, oldest first.
    [[nodiscard]] virtual boost::asio::awaitable<call_result<std::vector<std::string>>>
    open_incidents_named(std::string name) = 0;
    [[nodiscard]] virtual boost::asio::awaitable<call_result<>>
    update_incident(std::string id, hosted_incident incident) = 0;
};

} // namespace siren::adapters
