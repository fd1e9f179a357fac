#include "adapters/status_hosts/statusio_host.hpp"

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

// status.io's own answer, refusals included: {"status": {"error": "yes", "message": "..."}}.
struct statusio_answer {
    bool understood = false; // status.error is "no" or "yes"
    bool refused = false;    // "yes"
    std::string message;
};

statusio_answer read_answer(std::string_view body) {
    auto answer = pagers::detail::parse_object(body);
    if (!answer)
        return {};
    std::string error = pagers::detail::text_at(*answer, {"status", "error"});
    return {.understood = error == "no" || error == "yes",
            .refused = error == "yes",
            .message = commands::shorten(pagers::detail::text_at(*answer, {"status", "message"}),
                                         max_detail_characters)};
}

} // namespace

int statusio_status(stage s, public_status status) {
    if (!is_open(s))
        return 100;
    switch (status) {
    case public_status::operational:
        return 100;
    case public_status::degraded_performance:
        return 300;
    case public_status::partial_service_disruption:
        return 400;
    case public_status::service_disruption:
        return 500;
    case public_status::security_issue:
        return 600;
    }
    return 500;
}

int statusio_state(stage s) {
    switch (s) {
    case stage::declared:
    case stage::investigating:
        return 100;
    case stage::identified:
        return 200;
    case stage::monitoring:
    case stage::resolved:
    case stage::closed:
        return 300;
    }
    return 100;
}

std::string statusio_details(const adapters::hosted_incident& incident) {
    if (!incident.body.empty())
        return incident.body;
    if (!is_open(incident.current))
        return "Resolved.";
    std::string line(incident.current == stage::declared ? to_string(stage::investigating)
                                                         : to_string(incident.current));
    line.front() = static_cast<char>(line.front() - 'a' + 'A');
    return line + ": " + std::string(to_string(incident.status)) + ".";
}

std::string statusio_request_body(const adapters::hosted_incident& incident,
                                  std::string_view page_id, std::string_view incident_id,
                                  std::string_view component, std::string_view container) {
    json body = {{"statuspage_id", page_id},
                 {"incident_details", statusio_details(incident)},
                 {"current_status", statusio_status(incident.current, incident.status)},
                 {"current_state", statusio_state(incident.current)},
                 {"message_subject", incident.name},
                 // Subscribers hear of every change, as Statuspage's default has it; the chat
                 // and social channels status.io could post to are left alone.
                 {"notify_email", "1"},
                 {"notify_sms", "1"},
                 {"notify_webhook", "1"},
                 {"social", "0"},
                 {"irc", "0"},
                 {"hipchat", "0"},
                 {"slack", "0"}};
    if (!incident_id.empty()) {
        body["incident_id"] = incident_id;
        return pagers::detail::to_text(body);
    }
    body["incident_name"] = incident.name;
    body["all_infrastructure_affected"] = "0";
    body["infrastructure_affected"] = json::array();
    if (!component.empty() && !container.empty())
        body["infrastructure_affected"].push_back(std::string(component) + "-" +
                                                  std::string(container));
    return pagers::detail::to_text(body);
}

statusio_host::statusio_host(net::http_client& http, const status_mirror_settings& settings)
    : http_(http)
    , api_(settings.base_url)
    , page_id_(settings.page_id)
    , components_(settings.components)
    , containers_(settings.containers)
    , api_id_(settings.api_id.value)
    , api_key_(settings.api_key.value) {}

std::string statusio_host::body_for(const adapters::hosted_incident& incident,
                                    std::string_view id) const {
    auto component = components_.find(incident.service);
    auto container = containers_.find(incident.service);
    bool mapped = component != components_.end() && container != containers_.end();
    return statusio_request_body(incident, page_id_, id, mapped ? component->second : "",
                                 mapped ? container->second : "");
}

asio::awaitable<call_result<std::string>>
statusio_host::call(std::string action, std::string method, std::string path, std::string body) {
    std::string name = "status.io " + action;
    if (api_id_.empty() || api_key_.empty()) {
        adapters::failure refusal{.retryable = false,
                                  .message = name + ": no API id and key are configured "
                                                    "(STATUSIO_API_ID, STATUSIO_API_KEY)"};
        co_return failed(std::move(refusal));
    }
    bool changes = method != "GET";
    auto request = trackers::json_request(std::move(method), api_ + path, {"x-api-key", api_key_},
                                          std::move(body));
    request.headers.emplace_back("x-api-id", api_id_);
    auto response =
        co_await trackers::send_to_service(http_, name, "status.io", std::move(request));
    if (!response)
        co_return failed(response.error());
    int status = response->status;
    statusio_answer answer = read_answer(response->body);
    if (status >= 200 && status <= 299 && answer.understood && !answer.refused)
        co_return std::move(response->body);
    if (status >= 200 && status <= 299 && !answer.understood) {
        // Something answered that is not status.io (a proxy's page): it may have passed the
        // request on.
        adapters::failure unread{.retryable = true,
                                 .message = name + " failed (HTTP " + std::to_string(status) +
                                            " without status.io's answer)",
                                 .outcome_unknown = changes};
        co_return failed(std::move(unread));
    }
    std::string detail = answer.message;
    if (status == 401)
        detail = "the API id or key was refused" + (detail.empty() ? "" : ": " + detail);
    else if (status == 404 && detail.empty())
        detail = "no such status page or incident";
    auto why = trackers::refused(name, status, detail, api_key_);
    why.message = pagers::detail::redacted(std::move(why.message), api_id_);
    co_return failed(std::move(why));
}

asio::awaitable<call_result<std::string>>
statusio_host::create_incident(adapters::hosted_incident incident) {
    std::string body = body_for(incident, "");
    auto answer = co_await call("create incident", "POST", "/incident/create", std::move(body));
    if (!answer)
        co_return failed(answer.error());
    co_return detail::created_id(*answer, "result", kind());
}

asio::awaitable<call_result<std::vector<std::string>>>
statusio_host::open_incidents_named(std::string name) {
    std::string path = "/incident/list/" + pagers::detail::url_encode(page_id_);
    auto answer = co_await call("find incident", "GET", std::move(path), "");
    if (!answer)
        co_return failed(answer.error());
    auto read = pagers::detail::parse_object(*answer);
    const json* active =
        read ? pagers::detail::find(*read, {"result", "active_incidents"}) : nullptr;
    if (active == nullptr || !active->is_array()) {
        adapters::failure refusal{
            .retryable = true,
            .message = "status.io find incident: the answer is not a list of incidents"};
        co_return failed(std::move(refusal));
    }
    co_return detail::ids_named(*active, name, "_id", "datetime_open");
}

asio::awaitable<call_result<>> statusio_host::update_incident(std::string id,
                                                              adapters::hosted_incident incident) {
    bool resolving = !is_open(incident.current);
    std::string body = body_for(incident, id);
    std::string action = resolving ? "resolve incident" : "update incident";
    std::string path = resolving ? "/incident/resolve" : "/incident/update";
    auto answer = co_await call(std::move(action), "POST", std::move(path), std::move(body));
    if (!answer)
        co_return failed(answer.error());
    co_return adapters::succeeded();
}

} // namespace siren::status_hosts
