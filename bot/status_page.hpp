#pragma once
// The public status page over HTTP: GET /status (HTML) and GET /status.json
// (docs/status-page.md). Reads the store on each request; what it shows is decided by
// commands::status_page_of, the HTML by commands::status_page_html.

#include "adapters/net/http_server.hpp"
#include "bot/clock.hpp"
#include "core/incident_view.hpp"
#include "core/settings.hpp"

#include <string_view>

namespace siren {

class status_page_server {
public:
    status_page_server(const settings& config, const incident_view& incidents, const clock& clock)
        : config_(config)
        , incidents_(incidents)
        , clock_(clock) {}

    // Whether `path` is one of the status page's.
    static bool serves(std::string_view path);
    // The page for a GET or HEAD of `path`; 405 for another method. Never throws: a store that
    // cannot be read gives a 503.
    net::server_response respond(std::string_view method, std::string_view path) const;

private:
    const settings& config_;
    const incident_view& incidents_;
    const clock& clock_;
};

} // namespace siren
