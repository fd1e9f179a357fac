#include "adapters/bearer_token.hpp"

#include "adapters/hmac.hpp"

#include <algorithm>
#include <cctype>
#include <string>

namespace siren::adapters {

namespace {

// The key the two tokens are hashed with before the comparison; any constant does.
constexpr std::string_view comparison_key = "siren bearer token";

} // namespace

bool equal_ignoring_case(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) ==
                      std::tolower(static_cast<unsigned char>(y));
           });
}

outcome<> verify_bearer(std::string_view authorization_header, std::string_view expected,
                        std::string_view whose) {
    std::string token = whose.empty() ? "token" : std::string(whose) + " token";
    auto refuse = [](std::string why) { return outcome<>(boost::system::in_place_error, why); };
    if (expected.empty())
        return refuse("no " + token + " is configured");
    constexpr std::string_view scheme = "bearer ";
    if (!equal_ignoring_case(authorization_header.substr(0, scheme.size()), scheme))
        return refuse("the request carries no Authorization: Bearer token");
    auto given = hmac_sha256(comparison_key, authorization_header.substr(scheme.size()));
    auto wanted = hmac_sha256(comparison_key, expected);
    if (!given || !wanted)
        return refuse("the " + token + " could not be checked");
    if (!same_digest(*given, *wanted))
        return refuse("the " + token + " does not match");
    return {};
}

} // namespace siren::adapters
