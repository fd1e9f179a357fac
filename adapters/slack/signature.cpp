#include "adapters/slack/signature.hpp"

#include "adapters/hex.hpp"
#include "adapters/hmac.hpp"

#include <array>
#include <charconv>
#include <cstdint>
#include <optional>
#include <string>

namespace siren::slack {

namespace {

constexpr std::string_view version_prefix = "v0=";
using adapters::hmac_sha256;
using adapters::sha256_size;

using digest = adapters::sha256_digest;

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
    if (!header.starts_with(version_prefix))
        return std::nullopt;
    return adapters::parse_hex<sha256_size>(header.substr(version_prefix.size()));
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
    if (!actual || !adapters::same_digest(*actual, *expected))
        return refuse("X-Slack-Signature does not match the request body");
    return {};
}

} // namespace siren::slack
