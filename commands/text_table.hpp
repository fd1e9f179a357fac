#pragma once
// A table for Slack: a code block whose columns are padded to line up (Slack mrkdwn has no
// tables). Cells are plain text: mentions do not render inside a code block.

#include <string>
#include <vector>

namespace siren::commands {

using table_row = std::vector<std::string>;

// "```\nperson  pages\nbob     3\n```": the header, then one line per row; columns are as
// wide as their widest cell (in characters) and separated by two spaces.
std::string text_table(const table_row& header, const std::vector<table_row>& rows);

} // namespace siren::commands
