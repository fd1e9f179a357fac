#pragma once
// HMAC-SHA256, the signature of Slack's requests and PagerDuty's and HackerOne's webhooks;
// HMAC-SHA1, the signature of Intercom's webhooks.

#include <array>
#include <cstddef>
#include <optional>
#include <string_view>

namespace siren::adapters {

inline constexpr std::size_t sha256_size = 32;
using sha256_digest = std::array<unsigned char, sha256_size>;

// nullopt only when OpenSSL fails.
std::optional<sha256_digest> hmac_sha256(std::string_view key, std::string_view message);

// Constant time: how long it takes says nothing about where the two differ.
bool same_digest(const sha256_digest& a, const sha256_digest& b);

inline constexpr std::size_t sha1_size = 20;
using sha1_digest = std::array<unsigned char, sha1_size>;

// nullopt only when OpenSSL fails.
std::optional<sha1_digest> hmac_sha1(std::string_view key, std::string_view message);

// Constant time, as above.
bool same_digest(const sha1_digest& a, const sha1_digest& b);

} // namespace siren::adapters
