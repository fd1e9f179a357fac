// Slack's HTTP-mode bodies: forms, interaction payloads and event callbacks, on every path.

#include "adapters/slack/envelope.hpp"
#include "adapters/slack/http_mode.hpp"

#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view body(reinterpret_cast<const char*>(data), size);
    siren::slack::form_to_json(body);
    for (auto path :
         {siren::slack::commands_path, siren::slack::interactive_path, siren::slack::events_path})
        if (auto read = siren::slack::read_http_delivery(path, body); read && read->to_handle)
            siren::slack::translate(*read->to_handle);
    return 0;
}
