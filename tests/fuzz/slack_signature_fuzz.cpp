// Request signing: any secret, headers and body are checked without a crash or an exception; a
// request signed with the secret verifies exactly when it is fresh, and no longer once one byte
// of its body changed.
//
// Input layout: byte 0 is the mode. Even: the rest is "secret\ntimestamp\nsignature\nbody",
// verified as given. Odd: the rest is "secret\nbody", signed here with a timestamp
// (byte 0 >> 1) * 5 seconds before now, then verified.

#include "adapters/slack/signature.hpp"

#include <array>
#include <cstdint>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <string>
#include <string_view>

namespace {

using namespace siren;

const time_point now{seconds{1'700'000'000}};

std::string_view next_field(std::string_view& rest) {
    auto end = rest.find('\n');
    std::string_view field = rest.substr(0, end);
    rest = end == std::string_view::npos ? std::string_view() : rest.substr(end + 1);
    return field;
}

std::string sign(std::string_view secret, std::string_view timestamp, std::string_view body) {
    std::string base = "v0:" + std::string(timestamp) + ":" + std::string(body);
    std::array<unsigned char, EVP_MAX_MD_SIZE> mac{};
    unsigned int size = 0;
    HMAC(EVP_sha256(), secret.data(), static_cast<int>(secret.size()),
         reinterpret_cast<const unsigned char*>(base.data()), base.size(), mac.data(), &size);
    constexpr std::string_view hex = "0123456789abcdef";
    std::string out = "v0=";
    for (unsigned int i = 0; i < size; ++i) {
        out += hex[mac[i] >> 4];
        out += hex[mac[i] & 0x0F];
    }
    return out;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0)
        return 0;
    std::uint8_t mode = data[0];
    std::string_view rest(reinterpret_cast<const char*>(data) + 1, size - 1);
    std::string_view secret = next_field(rest);

    if ((mode & 1) == 0) {
        std::string_view timestamp = next_field(rest);
        std::string_view signature = next_field(rest);
        auto checked = slack::verify_request(secret, timestamp, rest, signature, now);
        if (!checked && checked.error().empty())
            __builtin_trap(); // a refusal says why
        return 0;
    }

    seconds age{(mode >> 1) * 5};
    std::string timestamp = std::to_string((now - age).time_since_epoch().count());
    std::string body(rest);
    std::string signature = sign(secret, timestamp, body);
    bool expected = !secret.empty() && age <= slack::max_request_age;
    if (static_cast<bool>(slack::verify_request(secret, timestamp, body, signature, now)) !=
        expected)
        __builtin_trap();
    if (expected && !body.empty()) {
        body[body.size() / 2] ^= 0x01;
        if (slack::verify_request(secret, timestamp, body, signature, now))
            __builtin_trap();
    }
    return 0;
}
