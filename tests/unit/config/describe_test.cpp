// describe() shows the effective configuration, and where each secret came from, never its value.

#include "config_test_support.hpp"

#include <doctest/doctest.h>

using namespace siren;
using namespace siren::config;
using namespace siren::config::testing;

namespace {

const std::map<std::string, std::string> secrets = {{"SLACK_BOT_TOKEN", "xoxb-very-secret-bot"},
                                                    {"SLACK_APP_TOKEN", "xapp-very-secret-app"}};

} // namespace

TEST_CASE("config: describe shows where secrets come from, never their values") {
    const auto l = load_file(SIREN_CONFIG_EXAMPLE, env_of(secrets), no_files);
    REQUIRE_MESSAGE(l.ok(), all(l));
    const auto text = describe(l.values);
    for (const auto& [name, value] : secrets)
        CHECK(text.find(value) == std::string::npos);
    CHECK(text.find("bot_token: <redacted from env SLACK_BOT_TOKEN>") != std::string::npos);
    CHECK(text.find("app_token: <redacted from env SLACK_APP_TOKEN>") != std::string::npos);
    CHECK(text.find("signing_secret: <not set>") != std::string::npos);
}

TEST_CASE("config: describe writes every value in the form the loader reads") {
    const auto first = load_file(SIREN_CONFIG_EXAMPLE, env_of({}), no_files);
    REQUIRE_MESSAGE(first.ok(), all(first));
    const auto text = describe(first.values);
    CHECK(text.find("start: 2026-01-05") != std::string::npos);
    CHECK(text.find("time: 09:00") != std::string::npos);
    CHECK(text.find("update_every: 1h") != std::string::npos);

    // Loading it again gives the same settings; only the secret placeholders are refused, as
    // secrets are never read from the file.
    const auto again = load(text);
    for (const auto& p : again.problems)
        CHECK_MESSAGE(p.message.find("secrets do not belong in the config file") == 0,
                      to_string(p));
    CHECK(again.problems.size() == 11);
    CHECK(describe(again.values) == text);
}
