#include "channel_name.hpp"

#include <cstdint>
#include <vector>

namespace siren {

namespace {

// Latin letters with diacritics (U+00C0..U+017F) and what they become in a slug. Characters
// outside these ranges that are not ASCII letters or digits separate words.
struct transliteration {
    char32_t first, last;
    std::string_view ascii; // empty: a separator
};
constexpr transliteration latin[] = {
    {0xC0, 0xC5, "a"},   {0xC6, 0xC6, "ae"},   {0xC7, 0xC7, "c"},   {0xC8, 0xCB, "e"},
    {0xCC, 0xCF, "i"},   {0xD0, 0xD0, "d"},    {0xD1, 0xD1, "n"},   {0xD2, 0xD6, "o"},
    {0xD7, 0xD7, ""},    {0xD8, 0xD8, "o"},    {0xD9, 0xDC, "u"},   {0xDD, 0xDD, "y"},
    {0xDE, 0xDE, "th"},  {0xDF, 0xDF, "ss"},   {0xE0, 0xE5, "a"},   {0xE6, 0xE6, "ae"},
    {0xE7, 0xE7, "c"},   {0xE8, 0xEB, "e"},    {0xEC, 0xEF, "i"},   {0xF0, 0xF0, "d"},
    {0xF1, 0xF1, "n"},   {0xF2, 0xF6, "o"},    {0xF7, 0xF7, ""},    {0xF8, 0xF8, "o"},
    {0xF9, 0xFC, "u"},   {0xFD, 0xFD, "y"},    {0xFE, 0xFE, "th"},  {0xFF, 0xFF, "y"},
    {0x100, 0x105, "a"}, {0x106, 0x10D, "c"},  {0x10E, 0x111, "d"}, {0x112, 0x11B, "e"},
    {0x11C, 0x123, "g"}, {0x124, 0x127, "h"},  {0x128, 0x131, "i"}, {0x132, 0x133, "ij"},
    {0x134, 0x135, "j"}, {0x136, 0x138, "k"},  {0x139, 0x142, "l"}, {0x143, 0x14B, "n"},
    {0x14C, 0x151, "o"}, {0x152, 0x153, "oe"}, {0x154, 0x159, "r"}, {0x15A, 0x161, "s"},
    {0x162, 0x167, "t"}, {0x168, 0x173, "u"},  {0x174, 0x175, "w"}, {0x176, 0x178, "y"},
    {0x179, 0x17E, "z"}, {0x17F, 0x17F, "s"},
};

std::string_view transliterate(char32_t c) {
    for (const auto& t : latin)
        if (c >= t.first && c <= t.last)
            return t.ascii;
    return {};
}

// Decodes one UTF-8 sequence at s[i], advancing i. Malformed bytes decode as U+FFFD, one byte
// at a time, so that any input is consumed.
char32_t next_code_point(std::string_view s, std::size_t& i) {
    auto byte = [&](std::size_t k) { return static_cast<std::uint8_t>(s[k]); };
    std::uint8_t b = byte(i);
    if (b < 0x80) {
        ++i;
        return b;
    }
    int extra = (b & 0xE0) == 0xC0 ? 1 : (b & 0xF0) == 0xE0 ? 2 : (b & 0xF8) == 0xF0 ? 3 : 0;
    if (extra == 0 || i + extra >= s.size()) {
        ++i;
        return 0xFFFD;
    }
    char32_t c = b & (0x3F >> extra);
    for (int k = 1; k <= extra; ++k) {
        if ((byte(i + k) & 0xC0) != 0x80) {
            ++i;
            return 0xFFFD;
        }
        c = (c << 6) | (byte(i + k) & 0x3F);
    }
    i += 1 + extra;
    return c;
}

std::vector<std::string> words_of(std::string_view title) {
    std::vector<std::string> words(1);
    for (std::size_t i = 0; i < title.size();) {
        char32_t c = next_code_point(title, i);
        std::string_view piece;
        char ascii = 0;
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
            ascii = static_cast<char>(c);
        else if (c >= 'A' && c <= 'Z')
            ascii = static_cast<char>(c - 'A' + 'a');
        else
            piece = transliterate(c);
        if (ascii)
            words.back() += ascii;
        else if (!piece.empty())
            words.back() += piece;
        else if (!words.back().empty())
            words.emplace_back();
    }
    if (words.back().empty())
        words.pop_back();
    return words;
}

} // namespace

std::string slugify(std::string_view title, std::size_t max_length) {
    std::string slug;
    for (const auto& w : words_of(title)) {
        std::size_t needed = slug.size() + (slug.empty() ? 0 : 1) + w.size();
        if (needed > max_length) {
            if (slug.empty())
                slug = w.substr(0, max_length); // one long word: cut inside it
            break;
        }
        if (!slug.empty())
            slug += '-';
        slug += w;
    }
    return slug;
}

std::string incident_channel_name(std::string_view prefix, std::string_view date,
                                  std::string_view title,
                                  const std::function<bool(std::string_view)>& taken) {
    std::string head(prefix);
    if (!date.empty())
        head.append(date).append("-");
    // Past this many collisions on one day something else is wrong; the store's uniqueness
    // check then refuses the name instead of siren looping forever.
    constexpr int max_suffix = 1000;
    for (int n = 1;; ++n) {
        std::string suffix = n == 1 ? "" : "-" + std::to_string(n);
        std::size_t room = max_channel_name > head.size() + suffix.size()
                               ? max_channel_name - head.size() - suffix.size()
                               : 0;
        std::string slug = slugify(title, room);
        if (slug.empty())
            slug = std::string("untitled").substr(0, room);
        std::string name = head + slug + suffix;
        if (name.size() > max_channel_name)
            name.resize(max_channel_name);
        if (n == max_suffix || !taken(name))
            return name;
    }
}

bool is_valid_channel_name(std::string_view name) {
    if (name.empty() || name.size() > max_channel_name)
        return false;
    bool has_alnum = false;
    for (char c : name) {
        bool alnum = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
        if (!alnum && c != '-' && c != '_')
            return false;
        has_alnum = has_alnum || alnum;
    }
    return has_alnum;
}

} // namespace siren
