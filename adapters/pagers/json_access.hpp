#pragma once
// JSON for the .cpp files of siren_pager_protocol and siren_pagers: the shared readers
// (adapters/json/json_access.hpp) under the names the pager code uses.

#include "adapters/json/json_access.hpp"
#include "core/effect.hpp"
#include "core/settings.hpp"

#include <string>

namespace siren::pagers::detail {

using adapters::json_access::find;
using adapters::json_access::json;
using adapters::json_access::parse_object;
using adapters::json_access::text_at;
using adapters::json_access::to_text;

// The strings of an object's "errors" list, joined by "; " (PagerDuty's error answers);
// empty when there are none.
std::string errors_listed(const json& object);

// What both providers carry in a page's details: the person (name, handle, e-mail), siren's
// user id, the rotation and the severity; empty values left out.
json page_details(const page_user& page, const person* who, const std::string& name);

} // namespace siren::pagers::detail
