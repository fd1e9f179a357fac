#pragma once
// Effects as JSON text, the form they wait in the outbox: {"kind":"post_message","channel":...}
// with "kind" from kind_of() and one member per field of the effect's struct.

#include "core/effect.hpp"
#include "core/outcome.hpp"

#include <string>
#include <string_view>

namespace siren::store {

std::string encode_effect(const effect& e);

// Never throws. Text that is not JSON, an unknown kind, or a missing field or one of the wrong
// type is an error naming what is wrong. Members it does not know are ignored.
outcome<effect> decode_effect(std::string_view text);

} // namespace siren::store
