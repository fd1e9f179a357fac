#pragma once
// Slack message markup made readable in a terminal: <@alice> → @alice, <#chan|name> → #name,
// <https://x|title> → title (https://x).

#include <string>
#include <string_view>

namespace siren::adapters::console {

std::string plain_text(std::string_view slack_text);

// plain_text with every line after the first indented, so a multi-line message reads as a block.
std::string plain_block(std::string_view slack_text);

} // namespace siren::adapters::console
