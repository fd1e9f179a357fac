// Intake webhooks (generic, HackerOne, Intercom): any body reads as an item, a reason to ignore
// it or a reason to refuse it, never a crash or an exception; an item always has a title; a
// delivery id depends only on what it says; signatures verify only with the right digest.
//
// Input layout: byte 0 is the mode. 0: generic body; 1: HackerOne body (X-H1-Event empty when
// byte 0's bit 2 is clear, else report_triaged); 2: Intercom body; 3: "secret\nsignature\nbody",
// checked as both signatures.

#include "adapters/intake/intake_webhook.hpp"

#include <cstdint>
#include <string>
#include <string_view>

namespace {

void check(const siren::outcome<siren::intake::reading>& read, std::string_view body) {
    using namespace siren;
    if (!read) {
        if (!read.error().starts_with("the payload "))
            __builtin_trap();
        return;
    }
    if (!read->item) {
        if (read->ignored.empty())
            __builtin_trap();
        return;
    }
    if (read->item->title.empty())
        __builtin_trap();
    std::string id = intake::delivery_id("fuzz", *read->item, body);
    if (!id.starts_with("intake/fuzz/") || id != intake::delivery_id("fuzz", *read->item, body))
        __builtin_trap();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace siren;
    if (size == 0)
        return 0;
    std::string_view rest(reinterpret_cast<const char*>(data) + 1, size - 1);
    switch (data[0] & 3) {
    case 0:
        check(intake::parse_generic(rest), rest);
        return 0;
    case 1:
        check(intake::parse_hackerone((data[0] & 4) ? "report_triaged" : "", rest), rest);
        return 0;
    case 2:
        check(intake::parse_intercom(rest, "bug"), rest);
        return 0;
    default:
        break;
    }
    auto first = rest.find('\n');
    auto second = first == std::string_view::npos ? first : rest.find('\n', first + 1);
    if (second == std::string_view::npos)
        return 0;
    std::string_view secret = rest.substr(0, first);
    std::string_view signature = rest.substr(first + 1, second - first - 1);
    std::string_view body = rest.substr(second + 1);
    auto h1 = intake::verify_hackerone_signature(signature, body, secret);
    auto ic = intake::verify_intercom_signature(signature, body, secret);
    if ((!h1 && h1.error().empty()) || (!ic && ic.error().empty()))
        __builtin_trap();
    if (secret.empty() && (h1 || ic))
        __builtin_trap();
    return 0;
}
