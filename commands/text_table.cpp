// Tables for Slack (text_table.hpp).

#include "commands/text_table.hpp"

#include "commands/text.hpp"

#include <algorithm>

namespace siren::commands {

std::string text_table(const table_row& header, const std::vector<table_row>& rows) {
    std::vector<std::size_t> widths(header.size(), 0);
    auto measure = [&](const table_row& row) {
        for (std::size_t c = 0; c < row.size() && c < widths.size(); ++c)
            widths[c] = std::max(widths[c], count_characters(row[c]));
    };
    measure(header);
    for (const auto& row : rows)
        measure(row);
    auto line = [&](const table_row& row) {
        std::string out;
        for (std::size_t c = 0; c < row.size() && c < widths.size(); ++c) {
            out += row[c];
            if (c + 1 < row.size())
                out.append(widths[c] - count_characters(row[c]) + 2, ' ');
        }
        return out + "\n";
    };
    std::string text = "```\n" + line(header);
    for (const auto& row : rows)
        text += line(row);
    return text + "```";
}

} // namespace siren::commands
