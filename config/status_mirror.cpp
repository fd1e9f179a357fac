#include "config/sections.hpp"

namespace siren::config::detail {

void read_status_mirror(context& ctx, const value& section, settings& out) {
    const fields f(ctx, section,
                   {"kind", "base_url", "page_id", "components", "api_key", "api_key_file"},
                   "a map with kind (statuspage), page_id, components, ...");
    auto& mirror = out.status_mirror;
    if (auto k = one_of<status_host_kind>(
            ctx, f["kind"],
            {{"none", status_host_kind::none}, {"statuspage", status_host_kind::statuspage}}))
        mirror.kind = *k;
    if (auto u = url(ctx, f["base_url"], blank::rejected))
        mirror.base_url = *u;
    while (!mirror.base_url.empty() && mirror.base_url.back() == '/')
        mirror.base_url.pop_back();
    if (auto p = text(ctx, f["page_id"], "a Statuspage page id"))
        mirror.page_id = *p;
    const auto services = names_of(out.services);
    for (const auto& e : map_entries(ctx, f["components"], "a map of services to component ids")) {
        auto id = text(ctx, e.val, "a component id");
        if (!id || id->empty()) {
            ctx.report(e.val.at, "expected a component id");
            continue;
        }
        if (check_reference(ctx, {e.key, {e.key_line, e.val.at.path}}, services, "service",
                            "name one of `services`"))
            mirror.components.emplace(e.key, *id);
    }
    if (mirror.kind == status_host_kind::none)
        return;
    mirror.api_key = read_secret(ctx, f, "api_key", "STATUSPAGE_API_KEY");
    if (mirror.page_id.empty())
        ctx.report(f["page_id"].at,
                   "the hosted status page needs `page_id` (Statuspage: the page's id, from its "
                   "API info page)");
}

} // namespace siren::config::detail
