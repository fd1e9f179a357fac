// Envelope payloads: any payload of any envelope type translates into a value siren can act on
// or a reason to drop it, never a crash or an exception. What it can act on always names who did
// it and what.
//
// Input layout: byte 0 picks the envelope type (bits 0-1: events_api, slash_commands,
// interactive, an unknown type); the rest is the payload JSON text.

#include "adapters/slack/envelope.hpp"

#include <cstdint>
#include <string_view>

namespace {

template <class... T>
struct overloaded : T... {
    using T::operator()...;
};
template <class... T>
overloaded(T...) -> overloaded<T...>;

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace siren::slack;
    if (size == 0)
        return 0;
    static constexpr std::string_view types[] = {"events_api", "slash_commands", "interactive",
                                                 "something_new"};
    envelope e;
    e.envelope_id = "e-fuzz";
    e.type = types[data[0] & 3];
    e.payload_json.assign(reinterpret_cast<const char*>(data) + 1, size - 1);
    bool usable = std::visit(
        overloaded{
            [](const slash_command& c) {
                return !c.input.command.empty() && !c.input.user.empty() && c.input.answers.empty();
            },
            [](const view_submission& v) { return !v.form_id.empty() && !v.user.empty(); },
            [](const block_action& a) { return !a.action_id.empty() && !a.user.empty(); },
            [](const message_shortcut& m) {
                return !m.callback_id.empty() && !m.user.empty() && !m.channel.empty() &&
                       !m.message_ts.empty();
            },
            [](const event_callback& ev) { return !ev.event_id.empty() && !ev.type.empty(); },
            [](const malformed& m) { return !m.why.empty(); },
        },
        translate(e));
    if (!usable)
        __builtin_trap();
    return 0;
}
