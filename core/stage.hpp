#pragma once

#include "outcome.hpp"

#include <optional>
#include <string_view>

namespace siren {

// declared → investigating → identified → monitoring → resolved → closed (after the review).
enum class stage { declared, investigating, identified, monitoring, resolved, closed };

inline constexpr stage all_stages[] = {stage::declared,   stage::investigating, stage::identified,
                                       stage::monitoring, stage::resolved,      stage::closed};

std::string_view to_string(stage s);
std::optional<stage> parse_stage(std::string_view text);

// An incident is open until it is resolved.
bool is_open(stage s);

// Whether an update may move an incident from one stage to another; the error is the reason,
// worded for the person who asked. Leaving resolved or closed is only possible by reopening.
outcome<> check_transition(stage from, stage to);

// Reopening is explicit: a resolved or closed incident goes back to investigating.
outcome<> check_reopen(stage from);

} // namespace siren
