#include "adapters/net/http_client.hpp"

#include <algorithm>

namespace siren::net {

namespace {
char lower(char c) {
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}
} // namespace

std::optional<std::string_view> http_response::header(std::string_view name) const {
    for (const auto& [key, value] : headers) {
        if (std::equal(key.begin(), key.end(), name.begin(), name.end(),
                       [](char a, char b) { return lower(a) == lower(b); }))
            return value;
    }
    return std::nullopt;
}

} // namespace siren::net
