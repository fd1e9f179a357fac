// The command language: any bytes typed after any command, with any form answers, by anyone in
// any channel, get a decision; never a crash, an exception or a hang, and every text siren would
// send is valid UTF-8.
//
// Input layout: byte 0 picks the user (bits 0-1) and the channel (bits 2-3); then the command up
// to the first '\n'; then its text up to an optional '\x1e'; after it, form answers
// "key=value" separated by '\x1f'.

#include "commands/text.hpp"
#include "core/channel_name.hpp"
#include "tests/unit/commands/fakes.hpp"

#include <cstdint>
#include <string_view>

namespace {

using namespace siren;

testing::world make_world() {
    testing::world w;
    incident open;
    open.id = 1;
    open.title = "Checkout down";
    open.level = severity::s1;
    open.current = stage::investigating;
    open.service = "checkout";
    open.channel_name = "incident-20260324-checkout-down";
    open.roles = {{role::ic, "alice"}, {role::tl, "bob"}};
    open.declared_by = "alice";
    open.declared_at = open.updated_at = w.now - hours{2};
    incident resolved = open;
    resolved.id = 2;
    resolved.title = "Search slow";
    resolved.current = stage::resolved;
    resolved.channel_name = "incident-20260323-search-slow";
    resolved.resolved_at = w.now - hours{1};
    w.incidents.incidents = {open, resolved};
    w.incidents.entries = {
        {1, open.declared_at, "alice", entry_kind::declared, "declared S1: Checkout down"},
        {1, open.declared_at, "alice", entry_kind::page, "paged <@bob> (eoc) dedup siren-1-eoc"},
        {2, resolved.declared_at, "alice", entry_kind::handover, "IC <@carol> → <@alice>"},
    };
    w.incidents.reports = {{1, "frank", "cart is empty after login", "general", w.now, "bob", {}}};
    return w;
}

bool valid(std::string_view text) {
    return commands::is_valid_utf8(text);
}

bool all_texts_valid(const decision& d) {
    if (!valid(d.reply))
        return false;
    for (const auto& e : d.timeline)
        if (!valid(e.text))
            return false;
    for (const auto& e : d.effects) {
        bool ok = std::visit(
            [](const auto& x) {
                using T = std::decay_t<decltype(x)>;
                if constexpr (std::is_same_v<T, post_message>)
                    return valid(x.text);
                else if constexpr (std::is_same_v<T, update_message>)
                    return valid(x.text);
                else if constexpr (std::is_same_v<T, set_topic>)
                    return valid(x.topic);
                else if constexpr (std::is_same_v<T, notify_user>)
                    return valid(x.text);
                else if constexpr (std::is_same_v<T, page_user>)
                    return valid(x.summary);
                else
                    return true;
            },
            e);
        if (!ok)
            return false;
    }
    return true;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const testing::world w = make_world();
    if (size == 0)
        return 0;
    static constexpr std::string_view users[] = {"alice", "bob", "carol", "zed"};
    static constexpr std::string_view channels[] = {"incident-20260324-checkout-down", "general",
                                                    "incident-20260323-search-slow", ""};
    std::string_view bytes(reinterpret_cast<const char*>(data), size);
    commands::command_input input;
    input.user = users[bytes[0] & 3];
    input.channel = channels[(bytes[0] >> 2) & 3];
    bytes.remove_prefix(1);
    auto newline = bytes.find('\n');
    input.command = bytes.substr(0, newline);
    bytes = newline == std::string_view::npos ? "" : bytes.substr(newline + 1);
    auto separator = bytes.find('\x1e');
    input.text = bytes.substr(0, separator);
    if (separator != std::string_view::npos) {
        std::string_view answers = bytes.substr(separator + 1);
        while (!answers.empty()) {
            auto end = answers.find('\x1f');
            std::string_view pair = answers.substr(0, end);
            auto equals = pair.find('=');
            input.answers[std::string(pair.substr(0, equals))] =
                equals == std::string_view::npos ? "" : std::string(pair.substr(equals + 1));
            answers = end == std::string_view::npos ? "" : answers.substr(end + 1);
        }
    }

    decision d = commands::handle(input, w.ctx());
    if (d.reply.empty() && !d.form)
        __builtin_trap(); // every command answers
    if (commands::is_valid_utf8(input.text) && !all_texts_valid(d))
        __builtin_trap();
    if (d.saved && (!is_valid_channel_name(d.saved->channel_name) ||
                    commands::count_characters(d.saved->title) > 150))
        __builtin_trap();
    return 0;
}
