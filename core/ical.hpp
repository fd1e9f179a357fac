#pragma once
// A rotation's shifts as an iCalendar feed (RFC 5545) that calendar apps subscribe to. Pure: the
// caller gathers the shifts (directory::shifts, overrides applied) and serves the text.

#include "rotation.hpp"
#include "settings.hpp"
#include "time.hpp"

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace siren {

// The display name of a shift's person (a directory id). An empty answer shows the id.
using person_name = std::function<std::string(std::string_view person)>;

// A VCALENDAR with one VEVENT per shift: UID "<rotation>-<primary|secondary>-<start unix>@siren",
// times in UTC, SUMMARY "On call: eoc (Alice Example)" ("eoc:secondary" for the secondary
// track), overrides said so in the DESCRIPTION. Shifts that do not end after they start are left
// out. CRLF line endings, lines folded at 75 octets, bytes that are not UTF-8 replaced by U+FFFD.
std::string to_ical(const rotation_settings& r, const std::vector<shift>& primary,
                    const std::vector<shift>& secondary, const person_name& name_of,
                    time_point generated_at);

// A TEXT value escaped: backslash, semicolon, comma and line breaks; other control characters
// dropped; invalid UTF-8 replaced.
std::string ical_text(std::string_view value);

// One content line folded at 75 octets, never inside a UTF-8 character, each physical line
// ending in CRLF.
std::string ical_line(std::string_view line);

} // namespace siren
