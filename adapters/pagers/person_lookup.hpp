#pragma once
// How the PagerDuty and Opsgenie pagers find the person a page names.

#include "core/settings.hpp"

#include <functional>
#include <string>
#include <string_view>

namespace siren::pagers {

// The person page_user::user names (a Slack user id such as "U123" or a config handle), or
// nullptr when nobody is known by it. The person returned must stay valid until the call that
// asked returns.
using person_lookup = std::function<const person*(std::string_view user)>;

// How a page names its person to the provider: the name, else the handle, else siren's user id.
inline std::string display_name(const person* who, std::string_view user) {
    if (who && !who->name.empty())
        return who->name;
    if (who && !who->handle.empty())
        return who->handle;
    return std::string(user);
}

} // namespace siren::pagers
