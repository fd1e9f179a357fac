#include "public_status.hpp"

#include <string>

namespace siren {

std::string_view to_string(public_status s) {
    static constexpr std::string_view names[] = {"operational", "degraded performance",
                                                 "partial service disruption", "service disruption",
                                                 "security issue"};
    return names[static_cast<int>(s)];
}

std::string_view to_key(public_status s) {
    static constexpr std::string_view keys[] = {"operational", "degraded_performance",
                                                "partial_service_disruption", "service_disruption",
                                                "security_issue"};
    return keys[static_cast<int>(s)];
}

std::optional<public_status> parse_public_status(std::string_view text) {
    std::string key;
    for (char c : text)
        key += (c == ' ' || c == '-') ? '_' : static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
    for (public_status s : all_public_statuses)
        if (to_key(s) == key)
            return s;
    struct short_form {
        std::string_view word;
        public_status status;
    };
    static constexpr short_form short_forms[] = {
        {"ok", public_status::operational},
        {"degraded", public_status::degraded_performance},
        {"partial", public_status::partial_service_disruption},
        {"partial_outage", public_status::partial_service_disruption},
        {"disruption", public_status::service_disruption},
        {"outage", public_status::service_disruption},
        {"major_outage", public_status::service_disruption},
        {"security", public_status::security_issue},
    };
    for (const auto& f : short_forms)
        if (f.word == key)
            return f.status;
    return std::nullopt;
}

} // namespace siren
