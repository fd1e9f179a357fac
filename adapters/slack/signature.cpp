#include "adapters/slack/signature.hpp"

#include "adapters/slack/hex.hpp"

#include <array>
#include <charconv>
#include <cstdint>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <optional>
#include <string>

namespace siren::slack {

namespace {

constexpr std::string_view version_prefix = "v0=";
constexpr std::size_t digest_size = 32; // SHA-256

using digest = std::array<unsigned char, digest_size>;

std::optional<std::int64_t> parse_timestamp(std::string_view text) {
    std::int64_t value = 0;
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    // from_chars also takes a leading '-': a negative Unix time is no request's.
    if (text.empty() || text.front() == '-' || error != std::errc() ||
        end != text.data() + text.size())
        return std::nullopt;
    return value;
}

std::optional<digest> parse_signature(std::string_view header) {
    if (!header.starts_with(version_prefix) ||
        header.size() != version_prefix.size() + 2 * digest_size)
        return std::nullopt;
    header.remove_prefix(version_prefix.size());
    digest out{};
    for (std::size_t i = 0; i < digest_size; ++i) {
        int high = detail::hex_value(header[2 * i]);
        int low = detail::hex_value(header[2 * i + 1]);
        if (high < 0 || low < 0)
            return std::nullopt;
        out[i] = static_cast<unsigned char>(high * 16 + low);
    }
    return out;
}

std::optional<digest> hmac_sha256(std::string_view key, std::string_view message) {
    digest out{};
    unsigned int size = 0;
    if (!HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
              reinterpret_cast<const unsigned char*>(message.data()), message.size(), out.data(),
              &size) ||
        size != digest_size)
        return std::nullopt;
    return out;
}

} // namespace

outcome<> verify_request(std::string_view signing_secret, std::string_view timestamp_header,
                         std::string_view body, std::string_view signature_header, time_point now) {
    if (signing_secret.empty())
        return refuse("no signing secret is configured");
    auto timestamp = parse_timestamp(timestamp_header);
    if (!timestamp)
        return refuse("X-Slack-Request-Timestamp is not a number of seconds");
    // The timestamp is not negative, so for any real `now` the difference cannot overflow.
    auto distance = now.time_since_epoch().count() - *timestamp;
    if (distance > max_request_age.count() || distance < -max_request_age.count())
        return refuse("X-Slack-Request-Timestamp is more than " +
                      std::to_string(max_request_age.count()) +
                      " s away from now: a stale or replayed request");
    auto expected = parse_signature(signature_header);
    if (!expected)
        return refuse("X-Slack-Signature is not v0= followed by 64 hex digits");
    std::string base = "v0:";
    base.append(timestamp_header).append(":").append(body);
    auto actual = hmac_sha256(signing_secret, base);
    if (!actual || CRYPTO_memcmp(actual->data(), expected->data(), digest_size) != 0)
        return refuse("X-Slack-Signature does not match the request body");
    return {};
}

} // namespace siren::slack
