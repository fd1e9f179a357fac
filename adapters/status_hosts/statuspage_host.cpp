#include "adapters/status_hosts/statuspage_host.hpp"

#include "adapters/pagers/http_support.hpp"
#include "adapters/pagers/json_access.hpp"
#include "adapters/status_hosts/open_incidents.hpp"
#include "adapters/trackers/tracker_http.hpp"
#include "commands/text.hpp"

namespace siren::status_hosts {

namespace asio = boost::asio;
using adapters::call_result;
using adapters::failed;
using pagers::detail::json;

namespace {

constexpr std::size_t max_detail_characters = 300;

// Statuspage answers {"error": "..."} or {"error": ["Name can't be blank", ...]}.
std::string statuspage_detail(std::string_view body) {
    auto answer = pagers::detail::parse_object(body);
    if (!answer)
        return {};
    std::string out;
    if (const json* error = pagers::detail::find(*answer, {"error"})) {
        if (error->is_string())
            out = error->get<std::string>();
        else if (error->is_array())
            for (const json& e : *error)
                if (e.is_string())
                    out.append(out.empty() ? "" : "; ").append(e.get<std::string>());
    }
    return commands::shorten(out, max_detail_characters);
}

} // namespace

std::string_view statuspage_status(stage s) {
    switch (s) {
    case stage::declared:
    case stage::investigating:
        return "investigating";
    case stage::identified:
        return "identified";
    case stage::monitoring:
        return "monitoring";
    case stage::resolved:
    case stage::closed:
        return "resolved";
    }
    return "investigating";
}

std::string_view statuspage_component_status(stage s, public_status status) {
    if (!is_open(s))
        return "operational";
    switch (status) {
    case public_status::operational:
        return "operational";
    case public_status::degraded_performance:
        return "degraded_performance";
    case public_status::partial_service_disruption:
        return "partial_outage";
    case public_status::service_disruption:
    case public_status::security_issue:
        return "major_outage";
    }
    return "major_outage";
}

std::string statuspage_request_body(const adapters::hosted_incident& incident,
                                    std::string_view component_id, bool with_name) {
    json fields = json::object();
    if (with_name)
        fields["name"] = incident.name;
    fields["status"] = statuspage_status(incident.current);
    if (!incident.body.empty())
        fields["body"] = incident.body;
    if (!component_id.empty()) {
        fields["component_ids"] = json::array({component_id});
        fields["components"] = {{std::string(component_id),
                                 statuspage_component_status(incident.current, incident.status)}};
    }
    json body = {{"incident", std::move(fields)}};
    return pagers::detail::to_text(body);
}

statuspage_host::statuspage_host(net::http_client& http, const status_mirror_settings& settings)
    : http_(http)
    , api_(settings.base_url + "/v1/pages/" + pagers::detail::url_encode(settings.page_id))
    , components_(settings.components)
    , api_key_(settings.api_key.value)
    , authorization_("OAuth " + settings.api_key.value) {}

std::string statuspage_host::component_of(const std::string& service) const {
    auto found = components_.find(service);
    return found != components_.end() ? found->second : std::string();
}

asio::awaitable<call_result<net::http_response>>
statuspage_host::call(std::string action, std::string method, std::string path, std::string body) {
    std::string name = "Statuspage " + action;
    if (api_key_.empty()) {
        adapters::failure refusal{.retryable = false,
                                  .message =
                                      name + ": no API key is configured (STATUSPAGE_API_KEY)"};
        co_return failed(std::move(refusal));
    }
    auto request = trackers::json_request(std::move(method), api_ + path,
                                          {"Authorization", authorization_}, std::move(body));
    auto response =
        co_await trackers::send_to_service(http_, name, "Statuspage", std::move(request));
    if (!response)
        co_return failed(response.error());
    int status = response->status;
    if (status >= 200 && status <= 299)
        co_return std::move(*response);
    if (status == 420) {
        // Statuspage's older rate-limit answer, besides 429: it refused the request unread.
        adapters::failure limited{.retryable = true,
                                  .message = name + ": rate limited by Statuspage (HTTP 420)"};
        if (auto after = pagers::detail::header_of(*response, "Retry-After"))
            limited.retry_after = pagers::detail::parse_seconds(*after);
        co_return failed(std::move(limited));
    }
    std::string detail = statuspage_detail(response->body);
    if (status == 401)
        detail = "the API key was refused" + (detail.empty() ? "" : ": " + detail);
    else if (status == 404 && detail.empty())
        detail = "no such page or incident";
    co_return failed(trackers::refused(name, status, detail, api_key_));
}

asio::awaitable<call_result<std::string>>
statuspage_host::create_incident(adapters::hosted_incident incident) {
    std::string body = statuspage_request_body(incident, component_of(incident.service), true);
    auto response = co_await call("create incident", "POST", "/incidents", std::move(body));
    if (!response)
        co_return failed(response.error());
    co_return detail::created_id(response->body, "id", kind());
}

asio::awaitable<call_result<std::vector<std::string>>>
statuspage_host::open_incidents_named(std::string name) {
    auto response = co_await call("find incident", "GET", "/incidents/unresolved", "");
    if (!response)
        co_return failed(response.error());
    json list = json::parse(response->body, nullptr, false);
    if (!list.is_array()) {
        adapters::failure refusal{
            .retryable = true,
            .message = "Statuspage find incident: the answer is not a list of incidents"};
        co_return failed(std::move(refusal));
    }
    co_return detail::ids_named(list, name, "id", "created_at");
}

asio::awaitable<call_result<>>
statuspage_host::update_incident(std::string id, adapters::hosted_incident incident) {
    std::string body = statuspage_request_body(incident, component_of(incident.service), false);
    std::string path = "/incidents/" + pagers::detail::url_encode(id);
    auto response = co_await call("update incident", "PATCH", std::move(path), std::move(body));
    if (!response)
        co_return failed(response.error());
    co_return adapters::succeeded();
}

} // namespace siren::status_hosts
