#pragma once

#include "core/time.hpp"

namespace siren {

// How long to wait before attempt number `attempt` + 1 of a failed call: doubling from 1 s,
// capped at 5 minutes, spread by ±20 % (`jitter` in [0, 1)) so that retries after an outage do
// not arrive together. A server's own Retry-After wins when it is longer.
seconds retry_delay(int attempt, double jitter, seconds server_asked = seconds{0});

} // namespace siren
