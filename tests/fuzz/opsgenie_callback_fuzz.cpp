// Opsgenie callbacks: any body reads as an alert action siren can act on or a reason to drop it,
// never a crash or an exception; a callback token verifies exactly when it equals the expected
// one.
//
// Input layout: byte 0 is the mode. Even: the rest is a callback body. Odd: the rest is
// "expected\ngiven", checked as given and against itself.

#include "adapters/opsgenie/opsgenie_callback.hpp"

#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace siren;
    if (size == 0)
        return 0;
    std::string_view rest(reinterpret_cast<const char*>(data) + 1, size - 1);

    if ((data[0] & 1) == 0) {
        auto action = opsgenie::parse_opsgenie_callback(rest);
        if (action ? action->action.empty() || action->alert_id.empty() : action.error().empty())
            __builtin_trap();
        return 0;
    }

    auto newline = rest.find('\n');
    std::string_view expected = rest.substr(0, newline);
    std::string_view given =
        newline == std::string_view::npos ? std::string_view() : rest.substr(newline + 1);
    auto checked = opsgenie::verify_callback_token(given, expected);
    if (static_cast<bool>(checked) != (!expected.empty() && given == expected))
        __builtin_trap();
    if (!checked && checked.error().empty())
        __builtin_trap();
    if (static_cast<bool>(opsgenie::verify_callback_token(expected, expected)) != !expected.empty())
        __builtin_trap();
    return 0;
}
