#include "alert.hpp"

namespace siren {

std::string_view to_string(alert_status s) {
    return s == alert_status::firing ? "firing" : "resolved";
}

std::optional<alert_status> parse_alert_status(std::string_view text) {
    if (text == "firing")
        return alert_status::firing;
    if (text == "resolved")
        return alert_status::resolved;
    return std::nullopt;
}

} // namespace siren
