#pragma once
// The shared-token check of the webhooks siren takes (Alertmanager, intake sources):
// `Authorization: Bearer <token>`, compared in constant time.

#include "core/outcome.hpp"

#include <string_view>

namespace siren::adapters {

// Whether an Authorization header carries `Bearer <expected>` (the scheme in any case). Both
// tokens are hashed before they are compared, so neither their bytes nor their lengths show in
// the time it takes. `whose` names the token in the refusal: "Alertmanager", or empty.
outcome<> verify_bearer(std::string_view authorization_header, std::string_view expected,
                        std::string_view whose = {});

// ASCII letters compared without regard to case (header names, schemes, tags).
bool equal_ignoring_case(std::string_view a, std::string_view b);

} // namespace siren::adapters
