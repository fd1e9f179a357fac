#pragma once
// Public updates: what the status page tells customers about an incident (/119 public). Each is
// a timeline entry of kind public_update; the status page shows them newest first.

#include "commands/command.hpp"
#include "commands/table.hpp"

namespace siren::commands {

// Whether the status page shows an incident: its severity's policy says so (`status_page`), and
// it is neither a security incident nor a near miss.
bool is_on_status_page(const incident& i, const settings& config);

// /119 public "<text>": by the CL (or whoever holds the CL's duties), the IC or the CMOC on call.
decision public_command(const request& r);

} // namespace siren::commands
