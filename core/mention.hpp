#pragma once
// Slack's reference syntax, used in all text siren produces: <@U123> for a person, <#C123> for a
// channel. The shell renders them as @alice and #channel.

#include <optional>
#include <string>
#include <string_view>

namespace siren {

std::string mention(std::string_view user);
std::string channel_link(std::string_view channel);

// "@alice", "<@U123>", "<@U123|alice>" → the user id; nullopt for anything else.
std::optional<std::string> parse_user_ref(std::string_view token);
// "#general", "<#C123>", "<#C123|general>" → the channel id or name.
std::optional<std::string> parse_channel_ref(std::string_view token);

} // namespace siren
