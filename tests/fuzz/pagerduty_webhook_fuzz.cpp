// PagerDuty webhooks v3: any signature header, secret and body are checked without a crash or an
// exception, and a body signed here verifies exactly while it is unchanged, alone or beside other
// v1 entries. Any body reads as an event siren can act on or a reason to drop it.
//
// Input layout: byte 0 is the mode. Even: the rest is "secret\nheader\nbody", verified and parsed
// as given. Odd: the rest is "secret\nbody", signed here, then verified with the signature alone,
// after a wrong entry (bit 1 of byte 0 puts it first or last), and after one body byte changed.

#include "adapters/pagerduty/pagerduty_webhook.hpp"

#include <array>
#include <cstdint>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <string>
#include <string_view>

namespace {

using namespace siren;

std::string_view next_field(std::string_view& rest) {
    auto end = rest.find('\n');
    std::string_view field = rest.substr(0, end);
    rest = end == std::string_view::npos ? std::string_view() : rest.substr(end + 1);
    return field;
}

std::string sign(std::string_view secret, std::string_view body) {
    std::array<unsigned char, EVP_MAX_MD_SIZE> mac{};
    unsigned int size = 0;
    HMAC(EVP_sha256(), secret.data(), static_cast<int>(secret.size()),
         reinterpret_cast<const unsigned char*>(body.data()), body.size(), mac.data(), &size);
    constexpr std::string_view hex = "0123456789abcdef";
    std::string out = "v1=";
    for (unsigned int i = 0; i < size; ++i) {
        out += hex[mac[i] >> 4];
        out += hex[mac[i] & 0x0F];
    }
    return out;
}

void check_parse(std::string_view body) {
    auto event = pagerduty::parse_pagerduty_webhook(body);
    if (!event) {
        if (event.error().empty())
            __builtin_trap(); // a refusal says why
        return;
    }
    if (event->event_id.empty() || event->event_type.empty())
        __builtin_trap();
    if (event->resource_type == "incident" && event->incident_id.empty())
        __builtin_trap();
    if (event->resource_type != "incident" && !event->incident_id.empty())
        __builtin_trap();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0)
        return 0;
    std::uint8_t mode = data[0];
    std::string_view rest(reinterpret_cast<const char*>(data) + 1, size - 1);
    std::string_view secret = next_field(rest);

    if ((mode & 1) == 0) {
        std::string_view header = next_field(rest);
        auto checked = pagerduty::verify_pagerduty_signature(header, rest, secret);
        if (!checked && checked.error().empty())
            __builtin_trap();
        check_parse(rest);
        return 0;
    }

    std::string body(rest);
    std::string signature = sign(secret, body);
    std::string wrong = "v1=" + std::string(64, '0');
    std::string both = (mode & 2) ? wrong + "," + signature : signature + "," + wrong;
    bool expected = !secret.empty();
    if (static_cast<bool>(pagerduty::verify_pagerduty_signature(signature, body, secret)) !=
            expected ||
        static_cast<bool>(pagerduty::verify_pagerduty_signature(both, body, secret)) != expected)
        __builtin_trap();
    if (expected && !body.empty()) {
        body[body.size() / 2] ^= 0x01;
        if (pagerduty::verify_pagerduty_signature(both, body, secret))
            __builtin_trap();
    }
    check_parse(body);
    return 0;
}
