#include "core/time.hpp"

#include <doctest/doctest.h>

using namespace siren;
using namespace std::chrono;

namespace {
siren::time_point at(int y, unsigned m, unsigned d, int h = 0, int min = 0) {
    return sys_days{year{y} / month{m} / day{d}} + hours{h} + minutes{min};
}
} // namespace

TEST_CASE("ISO 8601 round trip, with offsets and fractions") {
    CHECK(to_iso8601(at(2026, 3, 24, 8, 15)) == "2026-03-24T08:15:00Z");
    CHECK(parse_iso8601("2026-03-24T08:15:00Z") == at(2026, 3, 24, 8, 15));
    CHECK(parse_iso8601("2026-03-24T10:15:00+02:00") == at(2026, 3, 24, 8, 15));
    CHECK(parse_iso8601("2026-11-24T04:10:16.344Z") == at(2026, 11, 24, 4, 10) + seconds{16});
    CHECK_FALSE(parse_iso8601("yesterday"));
    CHECK_FALSE(parse_iso8601("2026-03-24T08:15:00Zjunk"));
}

TEST_CASE("ISO 8601 as pagers send it: offsets with or without a colon, any fraction") {
    // PagerDuty's on-call times and Events API example; Opsgenie's request status.
    CHECK(parse_iso8601("2015-03-06T15:28:51-05:00") == at(2015, 3, 6, 20, 28) + seconds{51});
    CHECK(parse_iso8601("2015-03-06T15:28:51-0500") == at(2015, 3, 6, 20, 28) + seconds{51});
    CHECK(parse_iso8601("2015-07-17T08:42:58.315+0000") == at(2015, 7, 17, 8, 42) + seconds{58});
    CHECK(parse_iso8601("2017-05-24T14:24:20.844Z") == at(2017, 5, 24, 14, 24) + seconds{20});
    CHECK(parse_iso8601("2017-05-24T14:24:20.844123456Z") == at(2017, 5, 24, 14, 24) + seconds{20});
    CHECK(parse_iso8601("2026-03-24T13:45:00+05:30") == at(2026, 3, 24, 8, 15));
    CHECK(parse_iso8601("2026-03-24T10:15:00+02") == at(2026, 3, 24, 8, 15));
    // An offset that crosses midnight and a year.
    CHECK(parse_iso8601("2025-12-31T23:30:00-01:00") == at(2026, 1, 1, 0, 30));

    CHECK_FALSE(parse_iso8601(""));
    CHECK_FALSE(parse_iso8601("2026-03-24T08:15:00"));       // no zone
    CHECK_FALSE(parse_iso8601("2026-03-24T08:15:00.Z"));     // an empty fraction
    CHECK_FALSE(parse_iso8601("2026-03-24T08:15:00+2:00"));  // one-digit hours
    CHECK_FALSE(parse_iso8601("2026-03-24T08:15:00+02:0"));  // one-digit minutes
    CHECK_FALSE(parse_iso8601("2026-03-24T08:15:00+02:"));   // a dangling colon
    CHECK_FALSE(parse_iso8601("2026-03-24T08:15:00+24:00")); // no such offset
    CHECK_FALSE(parse_iso8601("2026-03-24T08:15:00+0260"));
    CHECK_FALSE(parse_iso8601("2026-02-30T08:15:00Z")); // no such day
    CHECK_FALSE(parse_iso8601("2026-13-01T08:15:00Z"));
    CHECK_FALSE(parse_iso8601("2026-03-24T24:00:00Z"));
    CHECK_FALSE(parse_iso8601("2026-03-24T08:60:00Z"));
    CHECK_FALSE(parse_iso8601("2026-03-24 08:15:00Z"));
    CHECK_FALSE(parse_iso8601("2026-3-24T08:15:00Z"));
    CHECK_FALSE(parse_iso8601("2026-03-24T08:15:00-05:00junk"));
}

TEST_CASE("local times name the zone; unknown zones fall back to UTC") {
    CHECK(format_local(at(2026, 3, 24, 8, 15), "Europe/Berlin") == "2026-03-24 09:15 CET");
    CHECK(format_local(at(2026, 7, 1, 8, 15), "Europe/Berlin") == "2026-07-01 10:15 CEST");
    CHECK(format_local(at(2026, 3, 24, 8, 15), "") == "2026-03-24 08:15 UTC");
    CHECK(format_local(at(2026, 3, 24, 8, 15), "Mars/Olympus") == "2026-03-24 08:15 UTC");
    CHECK(is_known_time_zone("America/New_York"));
    CHECK_FALSE(is_known_time_zone("Mars/Olympus"));
}

TEST_CASE("channel dates use the workspace's zone") {
    CHECK(format_date(at(2026, 3, 24, 23, 30), "%Y%m%d", "UTC") == "20260324");
    CHECK(format_date(at(2026, 3, 24, 23, 30), "%Y%m%d", "Europe/Berlin") == "20260325");
}

TEST_CASE("durations for people and from people") {
    CHECK(format_duration(seconds{45}) == "45s");
    CHECK(format_duration(minutes{12}) == "12m");
    CHECK(format_duration(hours{3} + minutes{5}) == "3h 05m");
    CHECK(format_duration(days{2} + hours{4}) == "2d 4h");
    CHECK(format_duration(seconds{-5}) == "0s");

    CHECK(parse_duration("30m") == minutes{30});
    CHECK(parse_duration("1h30m") == minutes{90});
    CHECK(parse_duration("7d") == days{7});
    CHECK(parse_duration("2w") == days{14});
    CHECK(parse_duration("0") == std::nullopt);
    CHECK_FALSE(parse_duration(""));
    CHECK_FALSE(parse_duration("m"));
    CHECK_FALSE(parse_duration("5"));
    CHECK_FALSE(parse_duration("5x"));
    CHECK_FALSE(parse_duration("-5m"));
    CHECK_FALSE(parse_duration("99999999999h"));
}
