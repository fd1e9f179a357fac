#include "commands/text.hpp"

#include <algorithm>
#include <cstdint>
#include <cstdio>

namespace siren::commands {

namespace {

// Decodes one UTF-8 sequence at text[i] and advances i past it. A malformed, overlong or
// surrogate sequence yields nullopt and advances one byte, so that any input is consumed.
std::optional<char32_t> decode(std::string_view text, std::size_t& i) {
    auto byte = [&](std::size_t k) { return static_cast<std::uint8_t>(text[k]); };
    std::uint8_t lead = byte(i);
    if (lead < 0x80) {
        ++i;
        return lead;
    }
    std::size_t extra = 0;
    char32_t c = 0;
    char32_t smallest = 0;
    if ((lead & 0xE0) == 0xC0) {
        extra = 1;
        c = lead & 0x1F;
        smallest = 0x80;
    } else if ((lead & 0xF0) == 0xE0) {
        extra = 2;
        c = lead & 0x0F;
        smallest = 0x800;
    } else if ((lead & 0xF8) == 0xF0) {
        extra = 3;
        c = lead & 0x07;
        smallest = 0x10000;
    } else {
        ++i;
        return std::nullopt;
    }
    if (text.size() - i <= extra) {
        ++i;
        return std::nullopt;
    }
    for (std::size_t k = 1; k <= extra; ++k) {
        if ((byte(i + k) & 0xC0) != 0x80) {
            ++i;
            return std::nullopt;
        }
        c = (c << 6) | (byte(i + k) & 0x3F);
    }
    if (c < smallest || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) {
        ++i;
        return std::nullopt;
    }
    i += 1 + extra;
    return c;
}

bool is_space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

char lower(char c) {
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

// Past this length a word is not a typo of a command name, and comparing costs for nothing.
constexpr std::size_t longest_typo = 64;

} // namespace

bool is_valid_utf8(std::string_view text) {
    for (std::size_t i = 0; i < text.size();)
        if (!decode(text, i))
            return false;
    return true;
}

std::size_t count_characters(std::string_view text) {
    std::size_t n = 0;
    for (std::size_t i = 0; i < text.size(); ++n)
        decode(text, i);
    return n;
}

std::optional<char32_t> find_control(std::string_view text, bool allow_line_breaks) {
    for (std::size_t i = 0; i < text.size();) {
        auto c = decode(text, i);
        if (!c)
            continue;
        bool line_break = *c == '\t' || *c == '\n' || *c == '\r';
        if (line_break && allow_line_breaks)
            continue;
        if (*c < 0x20 || (*c >= 0x7F && *c < 0xA0))
            return *c;
    }
    return std::nullopt;
}

std::string_view trim(std::string_view text) {
    while (!text.empty() && is_space(text.front()))
        text.remove_prefix(1);
    while (!text.empty() && is_space(text.back()))
        text.remove_suffix(1);
    return text;
}

std::string lower_ascii(std::string_view text) {
    std::string out(text);
    for (char& c : out)
        c = lower(c);
    return out;
}

std::string collapse_whitespace(std::string_view text) {
    std::string out;
    bool pending_space = false;
    for (char c : trim(text)) {
        if (is_space(c)) {
            pending_space = true;
            continue;
        }
        if (pending_space)
            out += ' ';
        pending_space = false;
        out += c;
    }
    return out;
}

std::string shorten(std::string_view text, std::size_t max_characters, bool mark_cut) {
    if (count_characters(text) <= max_characters)
        return std::string(text);
    std::size_t keep = mark_cut && max_characters > 0 ? max_characters - 1 : max_characters;
    std::size_t end = 0;
    for (std::size_t n = 0; n < keep && end < text.size(); ++n)
        decode(text, end);
    std::string out(text.substr(0, end));
    if (mark_cut && max_characters > 0)
        out += "…";
    return out;
}

std::string code(std::string_view typed) {
    std::string out = shorten(typed, 40);
    for (char& c : out)
        if (c == '`')
            c = '\'';
        else if (c == '\n' || c == '\r' || c == '\t')
            c = ' ';
    if (!is_valid_utf8(out))
        for (char& c : out)
            if (static_cast<unsigned char>(c) >= 0x80)
                c = '?';
    return "`" + out + "`";
}

std::string neutralize_mentions(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (;;) {
        auto open = text.find("<!");
        if (open == std::string_view::npos)
            break;
        auto close = text.find('>', open);
        if (close == std::string_view::npos)
            break;
        out += text.substr(0, open);
        std::string_view inner = text.substr(open + 2, close - open - 2);
        if (auto bar = inner.find('|'); bar != std::string_view::npos)
            out += inner.substr(bar + 1);
        else
            out.append("@").append(inner);
        text.remove_prefix(close + 1);
    }
    out += text;
    return out;
}

std::string html_escape(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        switch (c) {
        case '&':
            out += "&amp;";
            break;
        case '<':
            out += "&lt;";
            break;
        case '>':
            out += "&gt;";
            break;
        case '"':
            out += "&quot;";
            break;
        case '\'':
            out += "&#39;";
            break;
        default:
            out += c;
        }
    }
    return out;
}

std::string code_point(char32_t c) {
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "U+%04X", static_cast<unsigned>(c));
    return buffer;
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j)
        row[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diagonal = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            std::size_t above = row[j];
            std::size_t substitute = diagonal + (lower(a[i - 1]) == lower(b[j - 1]) ? 0 : 1);
            row[j] = std::min({above + 1, row[j - 1] + 1, substitute});
            diagonal = above;
        }
    }
    return row[b.size()];
}

std::optional<std::string> closest(std::string_view typed,
                                   const std::vector<std::string_view>& candidates) {
    if (typed.empty() || typed.size() > longest_typo)
        return std::nullopt;
    // Short words tolerate one slip, longer ones a slip per three letters.
    std::size_t allowed = std::max<std::size_t>(1, std::min<std::size_t>(3, typed.size() / 3));
    std::optional<std::string_view> best;
    std::size_t best_distance = allowed + 1;
    for (auto candidate : candidates) {
        std::size_t d = edit_distance(typed, candidate);
        if (d < best_distance) {
            best = candidate;
            best_distance = d;
        }
    }
    if (best)
        return std::string(*best);
    std::optional<std::string_view> prefixed;
    std::string lowered = lower_ascii(typed);
    for (auto candidate : candidates)
        if (typed.size() >= 2 && lower_ascii(candidate).starts_with(lowered)) {
            if (prefixed)
                return std::nullopt; // ambiguous
            prefixed = candidate;
        }
    if (prefixed)
        return std::string(*prefixed);
    return std::nullopt;
}

std::string one_of(const std::vector<std::string_view>& choices) {
    std::string out;
    for (std::size_t k = 0; k < choices.size(); ++k) {
        if (k > 0)
            out += k + 1 == choices.size() ? " or " : ", ";
        out.append("`").append(choices[k]).append("`");
    }
    return out;
}

} // namespace siren::commands
