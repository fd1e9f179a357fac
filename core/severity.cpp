#include "severity.hpp"

namespace siren {

std::string_view to_string(severity s) {
    static constexpr std::string_view names[] = {"S0", "S1", "S2", "S3", "S4"};
    return names[static_cast<int>(s)];
}

std::optional<severity> parse_severity(std::string_view text) {
    if (text.size() != 2 || (text[0] != 'S' && text[0] != 's') || text[1] < '0' || text[1] > '4')
        return std::nullopt;
    return static_cast<severity>(text[1] - '0');
}

} // namespace siren
