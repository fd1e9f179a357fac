#include "config/sections.hpp"

namespace siren::config::detail {

void read_services(context& ctx, const value& section, settings& out) {
    unique_names names("service");
    for (const auto& item : list_items(ctx, section, "a list of services")) {
        const fields f(ctx, item, {"name", "description", "runbook", "rotation", "links"},
                       "a service (a map with name, runbook, rotation, ...)");
        service_settings service;
        const auto service_name = f["name"];
        if (auto n = name(ctx, service_name, "service")) {
            if (names.add(ctx, {*n, service_name.at}))
                service.name = *n;
        } else if (!service_name.given()) {
            ctx.report(service_name.at, "a service needs a name, e.g. `name: checkout`");
        }
        if (auto d = text(ctx, f["description"]))
            service.description = *d;
        if (auto runbook = url(ctx, f["runbook"], blank::allowed))
            service.runbook = *runbook;
        // Without a rotation the service belongs to "eoc", which must then exist too.
        const auto rotation = f["rotation"];
        const auto owner = text(ctx, rotation, "a rotation name");
        if (owner || !rotation.given()) {
            const located_text ref{owner.value_or("eoc"), rotation.at};
            if (check_reference(ctx, ref, names_of(out.rotations), "rotation",
                                owner ? "; rotations are listed under `rotations:`"
                                      : "; a service without `rotation:` belongs to `eoc`"))
                service.rotation = owner.value_or("");
        }
        for (const auto& link : map_entries(ctx, f["links"], "a map of titles to URLs")) {
            if (!link.val.given())
                ctx.report(link.val.at, "expected a URL, got nothing");
            else if (auto u = url(ctx, link.val, blank::rejected))
                service.links.emplace(link.key, *u);
        }
        if (!service.name.empty())
            out.services.push_back(std::move(service));
    }
}

} // namespace siren::config::detail
