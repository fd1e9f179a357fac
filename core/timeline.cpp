#include "timeline.hpp"

namespace siren {

namespace {
constexpr std::string_view kind_names[] = {
    "declared",     "stage",     "status",   "severity", "role",         "summary",
    "note",         "handover",  "resolved", "reopened", "page",         "report",
    "acknowledged", "escalated", "message",  "alert",    "public_update"};
} // namespace

std::string_view to_string(entry_kind k) {
    return kind_names[static_cast<int>(k)];
}

std::optional<entry_kind> parse_entry_kind(std::string_view text) {
    for (std::size_t k = 0; k < std::size(kind_names); ++k)
        if (kind_names[k] == text)
            return static_cast<entry_kind>(k);
    return std::nullopt;
}

} // namespace siren
