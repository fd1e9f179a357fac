#pragma once
// The command families siren answers, one table each, in the file of the family.

#include "commands/table.hpp"

namespace siren::commands {

// /incident: declare, report, list, help (incident.cpp).
const command_table& incident_commands();

// /119: update, status, history, note, resolve, handover, reopen, help (incident_channel.cpp).
const command_table& incident_channel_commands();

// /chatops: run oncall (who is on call, overrides, covers), help (chatops.cpp).
const command_table& chatops_commands();

} // namespace siren::commands
