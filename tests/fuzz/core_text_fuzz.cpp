// The core's text parsers: titles into channel names, references, durations and times.

#include "core/channel_name.hpp"
#include "core/mention.hpp"
#include "core/public_status.hpp"
#include "core/time.hpp"

#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    auto name = siren::incident_channel_name("incident-", "20260324", text,
                                             [](std::string_view) { return false; });
    if (!siren::is_valid_channel_name(name))
        __builtin_trap();
    siren::parse_user_ref(text);
    siren::parse_channel_ref(text);
    siren::parse_duration(text);
    siren::parse_iso8601(text);
    siren::parse_public_status(text);
    return 0;
}
