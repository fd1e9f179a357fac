#pragma once
// What a due durable timer does, by its kind (paging.hpp, handover.hpp).

#include "commands/command.hpp"

namespace siren::commands {

// Never throws; an unknown kind or a timer whose incident is gone decides nothing.
decision on_timer(const timer& due, const context& ctx);

} // namespace siren::commands
