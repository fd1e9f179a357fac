#include "bot/backoff.hpp"

#include <algorithm>
#include <cmath>

namespace siren {

seconds retry_delay(int attempt, double jitter, seconds server_asked) {
    constexpr double cap = 300;
    double base = std::min(cap, std::ldexp(1.0, std::clamp(attempt, 0, 16)));
    double spread = base * (0.8 + 0.4 * std::clamp(jitter, 0.0, 1.0));
    auto ours = seconds{static_cast<long long>(std::llround(std::max(1.0, spread)))};
    return std::max(ours, server_asked);
}

} // namespace siren
