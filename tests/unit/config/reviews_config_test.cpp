// The reviews section: deadlines, reminders and where drafts are written.

#include "config_test_support.hpp"

#include <doctest/doctest.h>

using namespace siren;
using namespace siren::config;
using namespace siren::config::testing;
using namespace std::chrono_literals;

TEST_CASE("config: reviews default to 24h and 7d, and every key lands in its field") {
    const auto defaults = load(quiet_severities);
    REQUIRE_MESSAGE(defaults.ok(), all(defaults));
    CHECK(defaults.values.reviews.provisional_after == 24h);
    CHECK(defaults.values.reviews.full_after == std::chrono::days{7});
    CHECK(defaults.values.reviews.remind_before == 2h);
    CHECK(defaults.values.reviews.directory == "reviews");

    const auto l = load_with_severities(R"(
reviews:
  provisional_after: 12h
  full_after: 5d
  remind_before: "0"
  directory: /var/lib/siren/reviews
)");
    REQUIRE_MESSAGE(l.ok(), all(l));
    CHECK(l.values.reviews.provisional_after == 12h);
    CHECK(l.values.reviews.full_after == std::chrono::days{5});
    CHECK(l.values.reviews.remind_before == 0s);
    CHECK(l.values.reviews.directory == "/var/lib/siren/reviews");
    CHECK(describe(l.values).find("reviews:\n  provisional_after: 12h\n  full_after: 5d\n") !=
          std::string::npos);

    const auto example = load_file(SIREN_CONFIG_EXAMPLE, env_of({}), no_files);
    REQUIRE_MESSAGE(example.ok(), all(example));
    CHECK(example.values.reviews.full_after == std::chrono::days{7});
}

TEST_CASE("config: reviews refuse a full review due before the provisional one") {
    const auto l = load_with_severities(R"(
reviews:
  provisional_after: 2d
  full_after: 1d
  remnd_before: 1h
)");
    std::string problems = all(l);
    CHECK(problems.find("reviews.full_after: the full review cannot be due before the "
                        "provisional one: 1d 0h is shorter than 2d 0h") != std::string::npos);
    CHECK(problems.find("remnd_before") != std::string::npos);
}
