// Alertmanager webhooks: any body reads as an alert group siren can route or a reason to refuse
// it, never a crash or an exception; a group's delivery id depends only on what it says; a
// bearer token verifies exactly when it equals the expected one.
//
// Input layout: byte 0 is the mode. Even: the rest is a webhook body. Odd: the rest is
// "expected\ngiven", checked as "Bearer <given>" and against itself.

#include "adapters/alertmanager/alertmanager_webhook.hpp"

#include <cstdint>
#include <string>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace siren;
    if (size == 0)
        return 0;
    std::string_view rest(reinterpret_cast<const char*>(data) + 1, size - 1);

    if ((data[0] & 1) == 0) {
        auto group = alertmanager::parse_alertmanager_webhook(rest);
        if (!group) {
            if (!group.error().starts_with("the Alertmanager payload "))
                __builtin_trap();
            return 0;
        }
        for (const alert& a : group->alerts)
            if (a.fingerprint.empty() || a.fingerprint.size() > 64 ||
                (a.ends_at && *a.ends_at < time_point{}))
                __builtin_trap();
        std::string id = alertmanager::delivery_id(*group);
        if (!id.starts_with("alertmanager/") || id != alertmanager::delivery_id(*group))
            __builtin_trap();
        return 0;
    }

    auto newline = rest.find('\n');
    std::string_view expected = rest.substr(0, newline);
    std::string_view given =
        newline == std::string_view::npos ? std::string_view() : rest.substr(newline + 1);
    auto checked =
        alertmanager::verify_alertmanager_token("Bearer " + std::string(given), expected);
    if (static_cast<bool>(checked) != (!expected.empty() && given == expected))
        __builtin_trap();
    if (!checked && checked.error().empty())
        __builtin_trap();
    return 0;
}
