#include "adapters/opsgenie/opsgenie_callback.hpp"

#include "adapters/pagers/json_access.hpp"

#include <array>
#include <openssl/crypto.h>
#include <openssl/evp.h>

namespace siren::opsgenie {

namespace {

using pagers::detail::json;

constexpr unsigned int sha256_size = 32;
using digest = std::array<unsigned char, EVP_MAX_MD_SIZE>; // room for any digest EVP writes

// Comparing digests instead of the texts keeps the time independent of the expected token's
// length and of where the texts differ.
bool sha256(std::string_view text, digest& out) {
    unsigned int size = 0;
    return EVP_Digest(text.data(), text.size(), out.data(), &size, EVP_sha256(), nullptr) == 1 &&
           size == sha256_size;
}

outcome<callback> malformed(std::string why) {
    return outcome<callback>(boost::system::in_place_error, std::move(why));
}

} // namespace

outcome<> verify_callback_token(std::string_view header_value, std::string_view expected) {
    if (expected.empty())
        return refuse("no Opsgenie callback token is configured");
    if (header_value.empty())
        return refuse("the Opsgenie callback carries no token");
    digest given{};
    digest wanted{};
    if (!sha256(header_value, given) || !sha256(expected, wanted))
        return refuse("the Opsgenie callback token could not be checked");
    if (CRYPTO_memcmp(given.data(), wanted.data(), sha256_size) != 0)
        return refuse("the Opsgenie callback token does not match");
    return {};
}

outcome<callback> parse_opsgenie_callback(std::string_view body) {
    using pagers::detail::text_at;
    auto root = pagers::detail::parse_object(body);
    if (!root)
        return malformed("the Opsgenie callback body is not a JSON object");
    callback out;
    out.action = text_at(*root, {"action"});
    if (out.action.empty())
        return malformed("the Opsgenie callback has no action");
    const json* alert = pagers::detail::find(*root, {"alert"});
    if (!alert || !alert->is_object())
        return malformed("the Opsgenie callback has no alert object");
    out.alert_id = text_at(*alert, {"alertId"});
    if (out.alert_id.empty())
        return malformed("the Opsgenie callback's alert has no alertId");
    out.alias = text_at(*alert, {"alias"});
    out.username = text_at(*alert, {"username"});
    return out;
}

} // namespace siren::opsgenie
