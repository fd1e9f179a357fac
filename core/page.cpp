#include "page.hpp"

#include <iterator>

namespace siren {

namespace {
constexpr std::string_view status_names[] = {"triggered", "acknowledged", "escalated", "resolved"};
} // namespace

std::string_view to_string(page_status s) {
    return status_names[static_cast<int>(s)];
}

std::optional<page_status> parse_page_status(std::string_view text) {
    for (std::size_t s = 0; s < std::size(status_names); ++s)
        if (status_names[s] == text)
            return static_cast<page_status>(s);
    return std::nullopt;
}

} // namespace siren
