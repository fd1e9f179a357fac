// paging.splunk_oncall: the REST endpoint URL is a secret; routing keys are plain settings.

#include "config_test_support.hpp"

#include <doctest/doctest.h>

using namespace siren;
using namespace siren::config;
using namespace siren::config::testing;

namespace {

constexpr std::string_view url =
    "https://alert.victorops.com/integrations/generic/20131114/alert/5ec2e7a1-secret-key";

} // namespace

TEST_CASE(
    "config: splunk_oncall reads the URL from the environment and routing keys per rotation") {
    const auto l = load_with_severities(R"(paging:
  provider: splunk_oncall
  splunk_oncall:
    routing_key: ops
    routing_keys: {imoc: managers}
)",
                                        {{"SPLUNK_ONCALL_REST_URL", std::string(url)}});
    REQUIRE_MESSAGE(l.ok(), all(l));
    const auto& so = l.values.paging.splunk_oncall;
    CHECK(l.values.paging.provider == paging_provider::splunk_oncall);
    CHECK(so.rest_url.value == url);
    CHECK(so.rest_url.source == "env SPLUNK_ONCALL_REST_URL");
    CHECK(so.routing_key == "ops");
    CHECK(so.routing_keys.at("imoc") == "managers");

    const auto text = describe(l.values);
    CHECK(text.find("5ec2e7a1-secret-key") == std::string::npos);
    CHECK(text.find("rest_url: <redacted from env SPLUNK_ONCALL_REST_URL>") != std::string::npos);
    CHECK(text.find("provider: splunk_oncall") != std::string::npos);
    CHECK(missing_run_secrets(l.values).size() == 2); // the Slack tokens only
}

TEST_CASE("config: a Splunk On-Call URL in the config is refused without repeating it") {
    const auto l = load_with_severities(std::string("paging:\n  splunk_oncall:\n    rest_url: ") +
                                        std::string(url) + "\n    routing_key: ops\n");
    REQUIRE_MESSAGE(l.problems.size() == 1, all(l));
    CHECK(to_string(l.problems[0]) ==
          "siren.yaml:3: paging.splunk_oncall.rest_url: secrets do not belong in the config "
          "file: set SPLUNK_ONCALL_REST_URL in the environment or name a file holding it with "
          "`rest_url_file`");
    CHECK(all(l).find("secret-key") == std::string::npos);
}

TEST_CASE("config: paging through Splunk On-Call needs a routing key and the URL") {
    const auto l = load_with_severities("paging: {provider: splunk_oncall}\n");
    REQUIRE_MESSAGE(l.problems.size() == 1, all(l));
    CHECK(to_string(l.problems[0]).find("needs a routing key") != std::string::npos);

    const auto ok = load_with_severities(
        "paging: {provider: splunk_oncall, splunk_oncall: {routing_key: ops}}\n",
        {{"SLACK_BOT_TOKEN", "x"}, {"SLACK_APP_TOKEN", "y"}});
    REQUIRE_MESSAGE(ok.ok(), all(ok));
    const auto missing = missing_run_secrets(ok.values);
    REQUIRE(missing.size() == 1);
    CHECK(missing[0].key == "paging.splunk_oncall.rest_url");
}
