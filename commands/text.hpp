#pragma once
// Text helpers for what people type and what siren shows them. Every function accepts any bytes
// (invalid UTF-8 included) and never throws.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace siren::commands {

bool is_valid_utf8(std::string_view text);

// Characters (code points) in text; a byte that is not valid UTF-8 counts as one.
std::size_t count_characters(std::string_view text);

// The first control character (C0, DEL or C1) in text. Tabs and line breaks count only when
// allow_line_breaks is false.
std::optional<char32_t> find_control(std::string_view text, bool allow_line_breaks);

std::string_view trim(std::string_view text);
std::string lower_ascii(std::string_view text);

// Runs of spaces, tabs and line breaks become one space; the ends are trimmed.
std::string collapse_whitespace(std::string_view text);

// At most max_characters characters, cut at a character boundary. The cut form ends in "…"
// (counted in the limit) when mark_cut is true.
std::string shorten(std::string_view text, std::size_t max_characters, bool mark_cut = true);

// What someone typed, shown back inside `code` marks: shortened, backticks and line breaks
// replaced so that the markup cannot break.
std::string code(std::string_view typed);

// Slack's special mentions (<!here>, <!channel>, <!subteam^…|@team>) become plain words, so that
// text a person typed never notifies a whole channel when siren repeats it.
std::string neutralize_mentions(std::string_view text);

// Text safe inside HTML elements and double-quoted attributes: & < > " ' become entities.
std::string html_escape(std::string_view text);

// "U+0007"
std::string code_point(char32_t c);

// Levenshtein distance, ASCII case-insensitive.
std::size_t edit_distance(std::string_view a, std::string_view b);

// The candidate a typo most likely meant: a small edit distance or an unambiguous prefix.
std::optional<std::string> closest(std::string_view typed,
                                   const std::vector<std::string_view>& candidates);

// "`a`, `b` or `c`"
std::string one_of(const std::vector<std::string_view>& choices);

} // namespace siren::commands
