// tracker: GitLab or Jira; tokens from the environment or files, never the config file.

#include "config_test_support.hpp"

#include <doctest/doctest.h>

using namespace siren;
using namespace siren::config;
using namespace siren::config::testing;

TEST_CASE("config: a GitLab tracker reads its token from the environment") {
    const auto l = load_with_severities(R"(tracker:
  kind: gitlab
  base_url: https://gitlab.example.com/
  project: ops/incidents
)",
                                        {{"GITLAB_TOKEN", "glpat-very-secret"}});
    REQUIRE_MESSAGE(l.ok(), all(l));
    const auto& t = l.values.tracker;
    CHECK(t.kind == tracker_kind::gitlab);
    CHECK(t.base_url == "https://gitlab.example.com");
    CHECK(t.project == "ops/incidents");
    CHECK(t.token.source == "env GITLAB_TOKEN");
    const auto text = describe(l.values);
    CHECK(text.find("glpat-very-secret") == std::string::npos);
    CHECK(text.find("token: <redacted from env GITLAB_TOKEN>") != std::string::npos);
    CHECK(missing_run_secrets(l.values).size() == 2); // the Slack tokens only
}

TEST_CASE("config: a Jira tracker needs the token and its account") {
    const auto l = load_with_severities(
        "tracker: {kind: jira, base_url: 'https://x.atlassian.net', project: OPS}\n",
        {{"JIRA_API_TOKEN", "jira-secret"}, {"JIRA_EMAIL", "siren@example.com"}});
    REQUIRE_MESSAGE(l.ok(), all(l));
    CHECK(l.values.tracker.email == "siren@example.com");
    CHECK(l.values.tracker.issue_type == "Task");
    CHECK(l.values.tracker.done_transition == "Done");
    CHECK(describe(l.values).find("jira-secret") == std::string::npos);

    const auto bare = load_with_severities(
        "tracker: {kind: jira, base_url: 'https://x.atlassian.net', project: OPS}\n");
    REQUIRE_MESSAGE(bare.ok(), all(bare));
    std::string missing;
    for (const auto& p : missing_run_secrets(bare.values))
        missing += to_string(p) + "\n";
    CHECK(missing.find("JIRA_API_TOKEN") != std::string::npos);
    CHECK(missing.find("JIRA_EMAIL") != std::string::npos);
}

TEST_CASE("config: a tracker token in the file is refused; base_url and project are required") {
    const auto inline_token =
        load_with_severities("tracker: {kind: gitlab, base_url: 'https://g.example', project: "
                             "x, token: glpat-oops}\n");
    REQUIRE_MESSAGE(inline_token.problems.size() == 1, all(inline_token));
    CHECK(all(inline_token).find("GITLAB_TOKEN") != std::string::npos);
    CHECK(all(inline_token).find("glpat-oops") == std::string::npos);

    const auto incomplete = load_with_severities("tracker: {kind: gitlab}\n");
    CHECK(all(incomplete).find("base_url") != std::string::npos);
    CHECK(all(incomplete).find("project") != std::string::npos);

    const auto unknown = load_with_severities("tracker: {kind: redmine}\n");
    CHECK_FALSE(unknown.ok());
}
