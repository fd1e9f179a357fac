#include "ical.hpp"

#include <algorithm>

namespace siren {

namespace {

constexpr std::size_t max_octets = 75; // per physical line, CRLF not counted (RFC 5545 §3.1)

bool is_continuation(unsigned char c) {
    return (c & 0xC0) == 0x80;
}

// The length of the valid UTF-8 character at text[i]; 0 when the bytes there are not one.
std::size_t character_at(std::string_view text, std::size_t i) {
    auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
    unsigned char c = byte(i);
    std::size_t n = c < 0x80                 ? 1
                    : c >= 0xC2 && c <= 0xDF ? 2
                    : c >= 0xE0 && c <= 0xEF ? 3
                    : c >= 0xF0 && c <= 0xF4 ? 4
                                             : 0;
    if (n == 0 || i + n > text.size())
        return 0;
    for (std::size_t k = 1; k < n; ++k)
        if (!is_continuation(byte(i + k)))
            return 0;
    unsigned char second = n > 1 ? byte(i + 1) : 0;
    if ((c == 0xE0 && second < 0xA0) || (c == 0xED && second > 0x9F) ||
        (c == 0xF0 && second < 0x90) || (c == 0xF4 && second > 0x8F))
        return 0; // overlong, a surrogate, or beyond U+10FFFF
    return n;
}

// C0 controls but the tab, DEL, and C1 controls (U+0080..U+009F).
bool is_control(std::string_view character) {
    auto c = static_cast<unsigned char>(character[0]);
    if (character.size() == 1)
        return (c < 0x20 && c != '\t') || c == 0x7F;
    return c == 0xC2 && static_cast<unsigned char>(character[1]) < 0xA0;
}

// "20260324T081500Z"
std::string utc(time_point t) {
    std::string iso = to_iso8601(t);
    std::erase_if(iso, [](char c) { return c == '-' || c == ':'; });
    return iso;
}

std::string property(std::string_view name, std::string_view value) {
    return ical_line(std::string(name) + ":" + std::string(value));
}

std::string event(const rotation_settings& r, track which, const shift& s,
                  const person_name& name_of, time_point generated_at) {
    std::string track_word = which == track::primary ? "primary" : "secondary";
    std::string rotation = which == track::primary ? r.name : r.name + ":secondary";
    std::string name = name_of ? name_of(s.person) : std::string();
    if (name.empty())
        name = s.person.empty() ? "unknown" : s.person;
    std::string description = r.description.empty() ? r.name : r.description;
    description += which == track::primary ? ", primary track." : ", secondary track.";
    if (s.is_override)
        description += "\nOverride: " + name + " covers the scheduled shift.";
    std::string text = "BEGIN:VEVENT\r\n";
    text +=
        property("UID", ical_text(r.name + "-" + track_word + "-" +
                                  std::to_string(s.start.time_since_epoch().count()) + "@siren"));
    text += property("DTSTAMP", utc(generated_at));
    text += property("DTSTART", utc(s.start));
    text += property("DTEND", utc(s.end));
    text += property("SUMMARY", ical_text("On call: " + rotation + " (" + name + ")"));
    text += property("DESCRIPTION", ical_text(description));
    text += property("TRANSP", "TRANSPARENT");
    return text + "END:VEVENT\r\n";
}

} // namespace

std::string ical_text(std::string_view value) {
    std::string out;
    for (std::size_t i = 0; i < value.size();) {
        char c = value[i];
        std::size_t n = character_at(value, i);
        if (n == 0) {
            out += "\xEF\xBF\xBD"; // U+FFFD
            ++i;
            continue;
        }
        if (c == '\\' || c == ';' || c == ',')
            out.append("\\").push_back(c);
        else if (c == '\r' && i + 1 < value.size() && value[i + 1] == '\n')
            n = 0; // the '\n' that follows becomes the line break
        else if (c == '\n' || c == '\r')
            out += "\\n";
        else if (!is_control(value.substr(i, n))) // not allowed in TEXT
            out.append(value.substr(i, n));
        i += std::max<std::size_t>(n, 1);
    }
    return out;
}

std::string ical_line(std::string_view line) {
    std::string out;
    std::size_t limit = max_octets;
    while (line.size() > limit) {
        std::size_t cut = limit;
        while (cut > 0 && is_continuation(static_cast<unsigned char>(line[cut])))
            --cut;
        if (cut == 0)
            cut = limit; // not UTF-8 at all: any cut is as good
        out.append(line.substr(0, cut)).append("\r\n ");
        line.remove_prefix(cut);
        limit = max_octets - 1; // the leading space counts
    }
    return out.append(line).append("\r\n");
}

std::string to_ical(const rotation_settings& r, const std::vector<shift>& primary,
                    const std::vector<shift>& secondary, const person_name& name_of,
                    time_point generated_at) {
    std::string text = "BEGIN:VCALENDAR\r\n";
    text += property("PRODID", "-//siren//oncall//EN");
    text += property("VERSION", "2.0");
    text += property("CALSCALE", "GREGORIAN");
    text += property("METHOD", "PUBLISH");
    text += property("X-WR-CALNAME", ical_text("On call: " + r.name));
    if (!r.description.empty())
        text += property("X-WR-CALDESC", ical_text(r.description));
    text += property("REFRESH-INTERVAL;VALUE=DURATION", "PT1H");
    text += property("X-PUBLISHED-TTL", "PT1H");
    for (track which : {track::primary, track::secondary})
        for (const shift& s : which == track::primary ? primary : secondary)
            if (s.start < s.end)
                text += event(r, which, s, name_of, generated_at);
    return text + "END:VCALENDAR\r\n";
}

} // namespace siren
