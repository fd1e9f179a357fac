#pragma once
// What the hosted status pages share about the incidents a create makes: its id in the answer,
// and finding one an earlier, unanswered create may have made. For the .cpp files of
// adapters/status_hosts only.

#include "adapters/call_result.hpp"
#include "adapters/json/json_access.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace siren::status_hosts::detail {

// The ids (member `id_key`) of the objects of `incidents` whose "name" is `name`, oldest first
// by the ISO 8601 time in `opened_key`; items that are not objects or have no id are skipped.
std::vector<std::string> ids_named(const adapters::json_access::json& incidents,
                                   std::string_view name, std::string_view id_key,
                                   std::string_view opened_key);

// The new incident's id, the text at `id_key` of a create's answer `body`; a permanent failure
// ("<host> create incident: the answer names no id") when there is none.
adapters::call_result<std::string> created_id(std::string_view body, std::string_view id_key,
                                              std::string_view host);

} // namespace siren::status_hosts::detail
