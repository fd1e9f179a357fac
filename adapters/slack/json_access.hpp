#pragma once
// JSON for the .cpp files of siren_slack: the shared readers (adapters/json/json_access.hpp)
// and the block list Slack messages are made of.

#include "adapters/json/json_access.hpp"
#include "core/effect.hpp"

#include <string_view>
#include <vector>

namespace siren::slack::detail {

using adapters::json_access::find;
using adapters::json_access::json;
using adapters::json_access::parse_object;
using adapters::json_access::text_at;
using adapters::json_access::to_text;

// The block list message_blocks() prints, for request bodies built as JSON.
json message_block_list(std::string_view text, const std::vector<button>& buttons = {});

// A message siren posts for an effect carries the effect's key as message metadata (invisible to
// people), so that a post whose answer was lost can be found instead of posted again.
inline constexpr std::string_view message_mark_event = "siren_effect";
json message_metadata(std::string_view mark);

} // namespace siren::slack::detail
