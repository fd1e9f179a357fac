#include "core/channel_name.hpp"

#include <set>
#include <string>

#include <doctest/doctest.h>

using namespace siren;

namespace {
bool never_taken(std::string_view) {
    return false;
}
} // namespace

TEST_CASE("slugs are lower-case words joined by single hyphens") {
    CHECK(slugify("Orderbook incorrect", 80) == "orderbook-incorrect");
    CHECK(slugify("  API: 5xx > 5% on /checkout!!  ", 80) == "api-5xx-5-on-checkout");
    CHECK(slugify("DB_primary down", 80) == "db-primary-down");
    CHECK(slugify("", 80).empty());
    CHECK(slugify("!!! ???", 80).empty());
}

TEST_CASE("Latin letters lose their accents, other scripts and emoji separate words") {
    CHECK(slugify("Zürich DC ausgefallen", 80) == "zurich-dc-ausgefallen");
    CHECK(slugify("Straße gesperrt", 80) == "strasse-gesperrt");
    CHECK(slugify("Łódź łącze Œuvre", 80) == "lodz-lacze-oeuvre");
    CHECK(slugify("🔥 payments 🔥 down", 80) == "payments-down");
    CHECK(slugify("支付 down", 80) == "down");
    CHECK(slugify("日本語", 80).empty());
}

TEST_CASE("malformed UTF-8 never breaks slugging") {
    CHECK(slugify("ab\xff\xfe"
                  "cd",
                  80) == "ab-cd");
    CHECK(slugify("trail\xc3", 80) == "trail");
    CHECK(slugify(std::string("nul\0byte", 8), 80) == "nul-byte");
}

TEST_CASE("long titles are cut at a word boundary") {
    CHECK(slugify("checkout latency very high everywhere", 20) == "checkout-latency");
    CHECK(slugify("supercalifragilisticexpialidocious", 10) == "supercalif");
}

TEST_CASE("incident channel names follow the prefix-date-slug pattern and Slack's rules") {
    auto name = incident_channel_name("incident-", "20260324", "Orderbook incorrect", never_taken);
    CHECK(name == "incident-20260324-orderbook-incorrect");
    CHECK(is_valid_channel_name(name));

    std::string title(10000, 'x');
    for (std::size_t i = 7; i < title.size(); i += 8)
        title[i] = ' ';
    auto long_name = incident_channel_name("incident-", "20260324", title, never_taken);
    CHECK(long_name.size() <= max_channel_name);
    CHECK(is_valid_channel_name(long_name));

    CHECK(incident_channel_name("incident-", "20260324", "🔥🔥", never_taken) ==
          "incident-20260324-untitled");
}

TEST_CASE("a taken name gets the next free numeric suffix, still within 80 characters") {
    std::set<std::string, std::less<>> taken = {"incident-20260324-db-down",
                                                "incident-20260324-db-down-2"};
    auto is_taken = [&](std::string_view n) { return taken.count(n) > 0; };
    CHECK(incident_channel_name("incident-", "20260324", "DB down", is_taken) ==
          "incident-20260324-db-down-3");

    std::string title = "word word word word word word word word word word word word word word";
    std::string first = incident_channel_name("incident-", "20260324", title, never_taken);
    taken.insert(first);
    std::string second = incident_channel_name("incident-", "20260324", title, is_taken);
    CHECK(second != first);
    CHECK(second.size() <= max_channel_name);
    CHECK(second.ends_with("-2"));
}

TEST_CASE("channel name validity") {
    CHECK(is_valid_channel_name("incident-1"));
    CHECK(is_valid_channel_name("a_b"));
    CHECK_FALSE(is_valid_channel_name(""));
    CHECK_FALSE(is_valid_channel_name("Upper"));
    CHECK_FALSE(is_valid_channel_name("has space"));
    CHECK_FALSE(is_valid_channel_name("---"));
    CHECK_FALSE(is_valid_channel_name(std::string(81, 'a')));
}
