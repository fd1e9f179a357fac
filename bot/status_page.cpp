#include "bot/status_page.hpp"

#include "commands/status_page.hpp"
#include "commands/status_page_render.hpp"

#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

namespace siren {

namespace {

using json = nlohmann::json;

constexpr std::string_view html_path = "/status";
constexpr std::string_view json_path = "/status.json";

json incident_json(const commands::public_incident& i) {
    json updates = json::array();
    for (const auto& u : i.updates)
        updates.push_back({{"at", to_iso8601(u.at)}, {"text", u.text}});
    return {{"id", i.id},
            {"title", i.title},
            {"service", i.service.empty() ? json(nullptr) : json(i.service)},
            {"stage", to_string(i.current)},
            {"status", to_key(i.status)},
            {"declared_at", to_iso8601(i.declared_at)},
            {"resolved_at", i.resolved_at ? json(to_iso8601(*i.resolved_at)) : json(nullptr)},
            {"updates", std::move(updates)}};
}

std::string page_json(const commands::status_page& page) {
    json components = json::array();
    for (const auto& c : page.components)
        components.push_back(
            {{"name", c.name}, {"description", c.description}, {"status", to_key(c.status)}});
    json incidents = json::array();
    for (const auto* list : {&page.open, &page.resolved})
        for (const auto& i : *list)
            incidents.push_back(incident_json(i));
    json body = {{"name", page.name},
                 {"generated_at", to_iso8601(page.generated_at)},
                 {"status", to_key(page.overall)},
                 {"components", std::move(components)},
                 {"incidents", std::move(incidents)}};
    // Invalid UTF-8 in a title (never accepted by the commands, but the store is not checked)
    // becomes U+FFFD rather than an exception.
    return body.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

} // namespace

bool status_page_server::serves(std::string_view path) {
    return path == html_path || path == json_path;
}

net::server_response status_page_server::respond(std::string_view method,
                                                 std::string_view path) const {
    if (method != "GET" && method != "HEAD")
        return net::plain_text(405, "use GET");
    try {
        auto page = commands::status_page_of(config_, incidents_, clock_.now());
        // Public, so caches and the reverse proxy may keep it briefly; never for long.
        net::header_list headers = {{"Cache-Control", "public, max-age=30"}};
        if (path == json_path) {
            headers.emplace_back("Content-Type", "application/json; charset=utf-8");
            return {.status = 200, .headers = std::move(headers), .body = page_json(page)};
        }
        headers.emplace_back("Content-Type", "text/html; charset=utf-8");
        headers.emplace_back("Content-Security-Policy",
                             "default-src 'none'; style-src 'unsafe-inline'");
        return {
            .status = 200, .headers = std::move(headers), .body = commands::status_page_html(page)};
    } catch (const std::exception& e) {
        spdlog::error("status page: cannot read the incidents: {}", e.what());
        return net::plain_text(503, "the status page is unavailable right now");
    }
}

} // namespace siren
