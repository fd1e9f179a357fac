#pragma once

#include <cstdint>
#include <optional>

namespace siren::store {

// The domain says "no incident" with id 0, the schema with NULL, so that foreign keys hold.
inline std::optional<std::int64_t> null_if_zero(std::int64_t id) {
    if (id == 0)
        return std::nullopt;
    return id;
}

} // namespace siren::store
