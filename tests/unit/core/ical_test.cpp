#include "core/ical.hpp"

#include <algorithm>

#include <doctest/doctest.h>

using namespace siren;

namespace {

time_point at(std::string_view iso) {
    return parse_iso8601(iso).value();
}

// The physical lines of a calendar, without their CRLF; fails on a bare CR or LF.
std::vector<std::string> physical_lines(const std::string& text) {
    std::vector<std::string> lines;
    std::size_t start = 0;
    while (start < text.size()) {
        auto end = text.find("\r\n", start);
        REQUIRE(end != std::string::npos);
        std::string line = text.substr(start, end - start);
        CHECK(line.find('\r') == std::string::npos);
        CHECK(line.find('\n') == std::string::npos);
        lines.push_back(std::move(line));
        start = end + 2;
    }
    return lines;
}

// The content lines, unfolded (RFC 5545 §3.1).
std::vector<std::string> content_lines(const std::string& text) {
    std::vector<std::string> lines;
    for (auto& line : physical_lines(text)) {
        if (line.starts_with(" ")) {
            REQUIRE_FALSE(lines.empty());
            lines.back() += line.substr(1);
        } else {
            lines.push_back(std::move(line));
        }
    }
    return lines;
}

bool is_utf8_start(char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
}

rotation_settings eoc() {
    rotation_settings r;
    r.name = "eoc";
    r.description = "Engineer On Call";
    return r;
}

std::string name_of(std::string_view person) {
    if (person == "U1")
        return "Alice Example";
    if (person == "U2")
        return "Bob; \"Bobby\", Jr.\\";
    return "";
}

} // namespace

TEST_CASE("ical: a calendar with one event per shift, in UTC") {
    std::vector<shift> primary = {
        {"U1", at("2026-03-23T08:00:00Z"), at("2026-03-30T07:00:00Z"), false},
        {"U3", at("2026-03-30T07:00:00Z"), at("2026-03-31T07:00:00Z"), true},
    };
    std::vector<shift> secondary = {
        {"U2", at("2026-03-23T08:00:00Z"), at("2026-03-30T07:00:00Z"), false},
    };
    std::string text = to_ical(eoc(), primary, secondary, name_of, at("2026-03-24T08:15:00Z"));
    CHECK(content_lines(text) == std::vector<std::string>{
                                     "BEGIN:VCALENDAR",
                                     "PRODID:-//siren//oncall//EN",
                                     "VERSION:2.0",
                                     "CALSCALE:GREGORIAN",
                                     "METHOD:PUBLISH",
                                     "X-WR-CALNAME:On call: eoc",
                                     "X-WR-CALDESC:Engineer On Call",
                                     "REFRESH-INTERVAL;VALUE=DURATION:PT1H",
                                     "X-PUBLISHED-TTL:PT1H",
                                     "BEGIN:VEVENT",
                                     "UID:eoc-primary-1774252800@siren",
                                     "DTSTAMP:20260324T081500Z",
                                     "DTSTART:20260323T080000Z",
                                     "DTEND:20260330T070000Z",
                                     "SUMMARY:On call: eoc (Alice Example)",
                                     "DESCRIPTION:Engineer On Call\\, primary track.",
                                     "TRANSP:TRANSPARENT",
                                     "END:VEVENT",
                                     "BEGIN:VEVENT",
                                     "UID:eoc-primary-1774854000@siren",
                                     "DTSTAMP:20260324T081500Z",
                                     "DTSTART:20260330T070000Z",
                                     "DTEND:20260331T070000Z",
                                     "SUMMARY:On call: eoc (U3)",
                                     "DESCRIPTION:Engineer On Call\\, primary track.\\nOverride: "
                                     "U3 covers the scheduled shift.",
                                     "TRANSP:TRANSPARENT",
                                     "END:VEVENT",
                                     "BEGIN:VEVENT",
                                     "UID:eoc-secondary-1774252800@siren",
                                     "DTSTAMP:20260324T081500Z",
                                     "DTSTART:20260323T080000Z",
                                     "DTEND:20260330T070000Z",
                                     "SUMMARY:On call: eoc:secondary (Bob\\; \"Bobby\"\\, Jr.\\\\)",
                                     "DESCRIPTION:Engineer On Call\\, secondary track.",
                                     "TRANSP:TRANSPARENT",
                                     "END:VEVENT",
                                     "END:VCALENDAR",
                                 });
    CHECK(text.ends_with("END:VCALENDAR\r\n"));
}

TEST_CASE("ical: an empty rotation, a missing name function and empty shifts") {
    rotation_settings r;
    r.name = "cmoc";
    std::string empty = to_ical(r, {}, {}, nullptr, at("2026-03-24T08:15:00Z"));
    auto lines = content_lines(empty);
    CHECK(lines.front() == "BEGIN:VCALENDAR");
    CHECK(lines.back() == "END:VCALENDAR");
    CHECK(std::find(lines.begin(), lines.end(), "BEGIN:VEVENT") == lines.end());
    CHECK(std::none_of(lines.begin(), lines.end(),
                       [](const std::string& l) { return l.starts_with("X-WR-CALDESC"); }));

    std::vector<shift> odd = {
        {"U9", at("2026-03-23T08:00:00Z"), at("2026-03-23T08:00:00Z"), false}, // empty: left out
        {"", at("2026-03-24T08:00:00Z"), at("2026-03-25T08:00:00Z"), false},
    };
    auto with_nobody = content_lines(to_ical(r, odd, {}, nullptr, at("2026-03-24T08:15:00Z")));
    CHECK(std::count(with_nobody.begin(), with_nobody.end(), "BEGIN:VEVENT") == 1);
    CHECK(std::find(with_nobody.begin(), with_nobody.end(), "SUMMARY:On call: cmoc (unknown)") !=
          with_nobody.end());
    CHECK(std::find(with_nobody.begin(), with_nobody.end(), "DESCRIPTION:cmoc\\, primary track.") !=
          with_nobody.end());
}

TEST_CASE("ical: TEXT values are escaped and keep to what RFC 5545 allows") {
    CHECK(ical_text("a\\b;c,d") == "a\\\\b\\;c\\,d");
    CHECK(ical_text("one\ntwo\r\nthree\rfour") == "one\\ntwo\\nthree\\nfour");
    CHECK(ical_text("tab\there") == "tab\there");
    CHECK(ical_text("bell\x07 del\x7F c1\xC2\x85 end") == "bell del c1 end");
    CHECK(ical_text("Zoë 日本 🚨") == "Zoë 日本 🚨");
    CHECK(ical_text("bad \xFF\xC3 \xED\xA0\x80 \xF0\x82\x82\xAC") ==
          "bad \xEF\xBF\xBD\xEF\xBF\xBD \xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD "
          "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
    CHECK(ical_text("") == "");
}

TEST_CASE("ical: long lines fold at 75 octets, never inside a character") {
    CHECK(ical_line("SUMMARY:short") == "SUMMARY:short\r\n");
    std::string exact = "X:" + std::string(73, 'a');
    CHECK(ical_line(exact) == exact + "\r\n");
    std::string one_more = exact + "b";
    CHECK(ical_line(one_more) == exact + "\r\n b\r\n");

    for (std::string piece : {"é", "日", "🚨", "aé", "a日", "ab🚨"}) {
        std::string line = "SUMMARY:";
        while (line.size() < 400)
            line += piece;
        std::string folded = ical_line(line);
        auto lines = physical_lines(folded);
        REQUIRE(lines.size() > 5);
        std::string unfolded;
        for (std::size_t k = 0; k < lines.size(); ++k) {
            INFO(piece, " line ", k);
            CHECK(lines[k].size() <= 75);
            if (k > 0) {
                REQUIRE(lines[k].starts_with(" "));
                CHECK(lines[k].size() > 1);
                CHECK(is_utf8_start(lines[k][1]));
            }
            if (k + 1 < lines.size())
                CHECK(lines[k].size() >= 72); // cut at most a character's length early
            unfolded += k == 0 ? lines[k] : lines[k].substr(1);
        }
        CHECK(unfolded == line);
    }

    // Bytes that are not UTF-8 still fold, at the limit.
    std::string junk(200, '\x80');
    auto lines = physical_lines(ical_line(junk));
    CHECK(lines[0].size() == 75);
    CHECK(lines[1].size() == 75);
}

TEST_CASE("ical: a long name folds inside the calendar, and unfolds to the same summary") {
    std::string long_name =
        "Zoë " + std::string(40, 'x') + " 日本語のなまえ 🚨🚨🚨 " + std::string(30, 'y');
    std::vector<shift> primary = {
        {"U1", at("2026-03-23T08:00:00Z"), at("2026-03-30T07:00:00Z"), false}};
    std::string text = to_ical(
        eoc(), primary, {}, [&](std::string_view) { return long_name; },
        at("2026-03-24T08:15:00Z"));
    for (const auto& line : physical_lines(text))
        CHECK(line.size() <= 75);
    auto lines = content_lines(text);
    CHECK(std::find(lines.begin(), lines.end(), "SUMMARY:On call: eoc (" + long_name + ")") !=
          lines.end());
}
