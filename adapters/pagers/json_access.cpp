#include "adapters/pagers/json_access.hpp"

namespace siren::pagers::detail {

json page_details(const page_user& page, const person* who, const std::string& name) {
    json details = json::object();
    auto put = [&details](const char* key, const std::string& value) {
        if (!value.empty())
            details[key] = value;
    };
    put("person", name);
    if (who) {
        put("person_handle", who->handle);
        put("person_email", who->email);
    }
    put("siren_user", page.user);
    put("rotation", page.rotation);
    put("siren_severity", std::string(to_string(page.level)));
    return details;
}

std::string errors_listed(const json& object) {
    const json* errors = find(object, {"errors"});
    std::string listed;
    if (errors && errors->is_array())
        for (const auto& e : *errors)
            if (e.is_string())
                listed.append(listed.empty() ? "" : "; ").append(e.get<std::string>());
    return listed;
}

} // namespace siren::pagers::detail
