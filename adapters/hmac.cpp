#include "adapters/hmac.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

namespace siren::adapters {

std::optional<sha256_digest> hmac_sha256(std::string_view key, std::string_view message) {
    sha256_digest out{};
    unsigned int size = 0;
    if (!HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
              reinterpret_cast<const unsigned char*>(message.data()), message.size(), out.data(),
              &size) ||
        size != sha256_size)
        return std::nullopt;
    return out;
}

bool same_digest(const sha256_digest& a, const sha256_digest& b) {
    return CRYPTO_memcmp(a.data(), b.data(), sha256_size) == 0;
}

std::optional<sha1_digest> hmac_sha1(std::string_view key, std::string_view message) {
    sha1_digest out{};
    unsigned int size = 0;
    if (!HMAC(EVP_sha1(), key.data(), static_cast<int>(key.size()),
              reinterpret_cast<const unsigned char*>(message.data()), message.size(), out.data(),
              &size) ||
        size != sha1_size)
        return std::nullopt;
    return out;
}

bool same_digest(const sha1_digest& a, const sha1_digest& b) {
    return CRYPTO_memcmp(a.data(), b.data(), sha1_size) == 0;
}

} // namespace siren::adapters
