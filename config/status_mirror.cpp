#include "config/sections.hpp"

namespace siren::config::detail {

namespace {

constexpr std::string_view statusio_api = "https://api.status.io/v2";

struct hosted_component {
    std::string component;
    std::string container; // status.io only
};

// Statuspage names a component by its id alone; status.io by the component and the container
// (location) of it that is affected, as its incident/create's infrastructure_affected does.
std::optional<hosted_component> read_component(context& ctx, const value& v,
                                               status_host_kind kind) {
    if (kind != status_host_kind::statusio) {
        auto id = text(ctx, v, "a component id");
        if (!id || id->empty()) {
            ctx.report(v.at, "expected a component id");
            return std::nullopt;
        }
        return hosted_component{.component = *id, .container = {}};
    }
    if (!v.node.IsMap()) {
        ctx.report(v.at, "expected {component: <id>, container: <id>} (status.io names the "
                         "component and container affected), got " +
                             std::string(kind_of(v.node)));
        return std::nullopt;
    }
    const fields f(ctx, v, {"component", "container"});
    auto component = text(ctx, f["component"], "a component id");
    auto container = text(ctx, f["container"], "a container id");
    bool complete = true;
    if (!component || component->empty()) {
        ctx.report(f.has("component") ? f["component"].at : v.at,
                   "status.io needs the service's `component` id");
        complete = false;
    }
    if (!container || container->empty()) {
        ctx.report(f.has("container") ? f["container"].at : v.at,
                   "status.io needs the `container` id of the component's affected location");
        complete = false;
    }
    if (!complete)
        return std::nullopt;
    return hosted_component{.component = *component, .container = *container};
}

} // namespace

void read_status_mirror(context& ctx, const value& section, settings& out) {
    const fields f(ctx, section,
                   {"kind", "base_url", "page_id", "components", "api_key", "api_key_file",
                    "api_id", "api_id_file"},
                   "a map with kind (statuspage or statusio), page_id, components, ...");
    auto& mirror = out.status_mirror;
    if (auto k = one_of<status_host_kind>(ctx, f["kind"],
                                          {{"none", status_host_kind::none},
                                           {"statuspage", status_host_kind::statuspage},
                                           {"statusio", status_host_kind::statusio}}))
        mirror.kind = *k;
    bool statusio = mirror.kind == status_host_kind::statusio;
    if (statusio)
        mirror.base_url = statusio_api;
    if (auto u = url(ctx, f["base_url"], blank::rejected))
        mirror.base_url = *u;
    while (!mirror.base_url.empty() && mirror.base_url.back() == '/')
        mirror.base_url.pop_back();
    if (auto p = text(ctx, f["page_id"], "a status page id"))
        mirror.page_id = *p;
    const auto services = names_of(out.services);
    for (const auto& e : map_entries(ctx, f["components"], "a map of services to components")) {
        auto read = read_component(ctx, e.val, mirror.kind);
        if (!read)
            continue;
        if (!check_reference(ctx, {e.key, {e.key_line, e.val.at.path}}, services, "service",
                             "name one of `services`"))
            continue;
        mirror.components.emplace(e.key, std::move(read->component));
        if (statusio)
            mirror.containers.emplace(e.key, std::move(read->container));
    }
    if (mirror.kind == status_host_kind::none)
        return;
    if (statusio) {
        mirror.api_id = read_secret(ctx, f, "api_id", "STATUSIO_API_ID");
        mirror.api_key = read_secret(ctx, f, "api_key", "STATUSIO_API_KEY");
    } else {
        mirror.api_key = read_secret(ctx, f, "api_key", "STATUSPAGE_API_KEY");
        for (std::string_view key : {"api_id", "api_id_file"})
            if (f.has(key))
                ctx.report(f[key].at, "only status.io (kind: statusio) takes an API id");
    }
    if (mirror.page_id.empty())
        ctx.report(f["page_id"].at,
                   statusio ? "the hosted status page needs `page_id` (status.io: the status "
                              "page's id, from its API credentials page)"
                            : "the hosted status page needs `page_id` (Statuspage: the page's "
                              "id, from its API info page)");
}

} // namespace siren::config::detail
