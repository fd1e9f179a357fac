#include "adapters/status_hosts/open_incidents.hpp"

#include <algorithm>

namespace siren::status_hosts::detail {

using adapters::json_access::json;
using adapters::json_access::text_at;

std::vector<std::string> ids_named(const json& incidents, std::string_view name,
                                   std::string_view id_key, std::string_view opened_key) {
    struct found {
        std::string opened_at;
        std::string id;
    };
    std::vector<found> named;
    for (const json& item : incidents)
        if (item.is_object() && text_at(item, {"name"}) == name)
            if (std::string id = text_at(item, {id_key}); !id.empty())
                named.push_back({text_at(item, {opened_key}), std::move(id)});
    std::stable_sort(named.begin(), named.end(),
                     [](const found& a, const found& b) { return a.opened_at < b.opened_at; });
    std::vector<std::string> ids;
    for (auto& f : named)
        ids.push_back(std::move(f.id));
    return ids;
}

adapters::call_result<std::string> created_id(std::string_view body, std::string_view id_key,
                                              std::string_view host) {
    auto answer = adapters::json_access::parse_object(body);
    std::string id = answer ? text_at(*answer, {id_key}) : std::string();
    if (id.empty()) {
        adapters::failure refusal{.retryable = false,
                                  .message = std::string(host) +
                                             " create incident: the answer names no id"};
        return adapters::failed(std::move(refusal));
    }
    return id;
}

} // namespace siren::status_hosts::detail
