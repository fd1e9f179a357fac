// Secrets come from the environment or from files, and their values never reach a problem.

#include "config_test_support.hpp"

#include <chrono>
#include <filesystem>
#include <fstream>

#include <doctest/doctest.h>

using namespace siren;
using namespace siren::config;
using namespace siren::config::testing;

namespace {

// A file in the temporary directory, removed when the test ends.
class temp_file {
public:
    explicit temp_file(std::string_view contents)
        : path_(std::filesystem::temp_directory_path() /
                ("siren-config-test-" +
                 std::to_string(std::chrono::steady_clock::now().time_since_epoch().count()))) {
        std::ofstream(path_, std::ios::binary) << contents;
    }
    ~temp_file() {
        std::error_code ignored;
        std::filesystem::remove(path_, ignored);
    }
    temp_file(const temp_file&) = delete;
    temp_file& operator=(const temp_file&) = delete;

    std::string path() const { return path_.string(); }

private:
    std::filesystem::path path_;
};

loaded load_with_files(std::string_view yaml, std::map<std::string, std::string> env = {}) {
    return load_text(std::string(yaml) + std::string(quiet_severities), "siren.yaml",
                     env_of(std::move(env)), read_secret_file);
}

} // namespace

TEST_CASE("config: secrets come from the environment") {
    const auto l = load_with_severities("paging: {provider: opsgenie}\n",
                                        {{"SLACK_BOT_TOKEN", "xoxb-1"},
                                         {"SLACK_APP_TOKEN", "xapp-1"},
                                         {"SLACK_SIGNING_SECRET", "sign-1"},
                                         {"PAGERDUTY_ROUTING_KEY", "route-1"},
                                         {"PAGERDUTY_API_TOKEN", "pd-1"},
                                         {"OPSGENIE_API_KEY", "og-1"}});
    REQUIRE_MESSAGE(l.ok(), all(l));
    const auto& s = l.values;
    CHECK(s.slack.bot_token.value == "xoxb-1");
    CHECK(s.slack.bot_token.source == "env SLACK_BOT_TOKEN");
    CHECK(s.slack.app_token.value == "xapp-1");
    CHECK(s.slack.signing_secret.source == "env SLACK_SIGNING_SECRET");
    CHECK(s.paging.pagerduty.routing_key.value == "route-1");
    CHECK(s.paging.pagerduty.api_token.source == "env PAGERDUTY_API_TOKEN");
    CHECK(s.paging.opsgenie.api_key.value == "og-1");
    CHECK(missing_run_secrets(s).empty());
}

TEST_CASE("config: a secret file named in the config wins over the environment") {
    const temp_file token("xoxb-from-file\n");
    const auto l = load_with_files("slack:\n  bot_token_file: " + token.path() + "\n",
                                   {{"SLACK_BOT_TOKEN", "xoxb-from-env"}});
    REQUIRE_MESSAGE(l.ok(), all(l));
    CHECK(l.values.slack.bot_token.value == "xoxb-from-file");
    CHECK(l.values.slack.bot_token.source == "file " + token.path());
}

TEST_CASE("config: an unreadable or empty secret file names the path, never the contents") {
    const temp_file empty("\n");
    const auto l = load_with_files("slack:\n  bot_token_file: /nonexistent/token\n"
                                   "  app_token_file: " +
                                   empty.path() + "\n  signing_secret_file: /dev/null\n");
    REQUIRE_MESSAGE(l.problems.size() == 3, all(l));
    CHECK(to_string(l.problems[0]) == "siren.yaml:2: slack.bot_token_file: cannot read "
                                      "`/nonexistent/token`: No such file or directory");
    CHECK(to_string(l.problems[1]) ==
          "siren.yaml:3: slack.app_token_file: `" + empty.path() + "` is empty");
    CHECK(to_string(l.problems[2]) ==
          "siren.yaml:4: slack.signing_secret_file: cannot read `/dev/null`: not a regular file");
    CHECK(l.values.slack.bot_token.empty());
}

TEST_CASE("config: a secret written in the config is refused without repeating it") {
    const auto l = load_with_severities(R"(slack:
  bot_token: xoxb-12345-do-not-echo
paging:
  pagerduty: {routing_key: R0UT1NGKEY}
  opsgenie:
    api_key: 0p5g3n13
)");
    REQUIRE_MESSAGE(l.problems.size() == 3, all(l));
    CHECK(to_string(l.problems[0]) ==
          "siren.yaml:2: slack.bot_token: secrets do not belong in the config file: set "
          "SLACK_BOT_TOKEN in the environment or name a file holding it with `bot_token_file`");
    CHECK(to_string(l.problems[1]) ==
          "siren.yaml:4: paging.pagerduty.routing_key: secrets do not belong in the config file: "
          "set PAGERDUTY_ROUTING_KEY in the environment or name a file holding it with "
          "`routing_key_file`");
    CHECK(to_string(l.problems[2]) ==
          "siren.yaml:6: paging.opsgenie.api_key: secrets do not belong in the config file: set "
          "OPSGENIE_API_KEY in the environment or name a file holding it with `api_key_file`");
    for (const auto& value : {"xoxb-12345-do-not-echo", "R0UT1NGKEY", "0p5g3n13"}) {
        CHECK(all(l).find(value) == std::string::npos);
        CHECK(describe(l.values).find(value) == std::string::npos);
    }
    CHECK(l.values.slack.bot_token.empty());
}

TEST_CASE("config: `siren run` names the secrets it still needs") {
    const auto names = [](const std::vector<problem>& problems) {
        std::string text;
        for (const auto& p : problems)
            text += to_string(p) + "\n";
        return text;
    };
    SUBCASE("Socket Mode needs the bot and app tokens") {
        const auto missing = missing_run_secrets(load(quiet_severities).values);
        CHECK(names(missing) ==
              "slack.bot_token: Slack needs the bot token (xoxb-...): set SLACK_BOT_TOKEN or "
              "`slack.bot_token_file`\n"
              "slack.app_token: Socket Mode needs the app-level token (xapp-...): set "
              "SLACK_APP_TOKEN or `slack.app_token_file`\n");
    }
    SUBCASE("HTTP mode needs the signing secret and the bot token") {
        const auto l = load_with_severities("slack: {mode: http}\n", {{"SLACK_BOT_TOKEN", "x"}});
        CHECK(names(missing_run_secrets(l.values)) ==
              "slack.signing_secret: HTTP mode needs the signing secret to verify Slack's "
              "requests: set SLACK_SIGNING_SECRET or `slack.signing_secret_file`\n");
    }
    SUBCASE("PagerDuty and Opsgenie need their keys") {
        const std::map<std::string, std::string> slack = {{"SLACK_BOT_TOKEN", "x"},
                                                          {"SLACK_APP_TOKEN", "y"}};
        auto l = load_with_severities("paging: {provider: pagerduty}\n", slack);
        CHECK(names(missing_run_secrets(l.values)) ==
              "paging.pagerduty.routing_key: paging through PagerDuty needs an Events API routing "
              "key: set PAGERDUTY_ROUTING_KEY or `paging.pagerduty.routing_key_file`\n");
        l = load_with_severities("paging: {provider: opsgenie}\n", slack);
        CHECK(names(missing_run_secrets(l.values)) ==
              "paging.opsgenie.api_key: paging through Opsgenie needs an API key: set "
              "OPSGENIE_API_KEY or `paging.opsgenie.api_key_file`\n");
    }
    SUBCASE("a rotation kept in PagerDuty needs the REST API token") {
        const auto l =
            load_with_severities("rotations: [{name: eoc, source: pagerduty, external_id: P1}]\n",
                                 {{"SLACK_BOT_TOKEN", "x"}, {"SLACK_APP_TOKEN", "y"}});
        CHECK(names(missing_run_secrets(l.values)) ==
              "paging.pagerduty.api_token: rotation `eoc` reads its schedule from PagerDuty's "
              "REST API: set PAGERDUTY_API_TOKEN or `paging.pagerduty.api_token_file`\n");
    }
}
