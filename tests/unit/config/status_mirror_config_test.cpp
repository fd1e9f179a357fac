// status_mirror: Statuspage; the API key from the environment or a file, never the config file;
// components name configured services.

#include "config_test_support.hpp"

#include <doctest/doctest.h>

using namespace siren;
using namespace siren::config;
using namespace siren::config::testing;

namespace {

constexpr std::string_view services = R"(people:
  - {handle: alice}
rotations:
  - {name: eoc, members: [alice]}
services:
  - {name: checkout}
)";

} // namespace

TEST_CASE("config: Statuspage mirroring reads its API key from the environment") {
    const auto l = load_with_severities(std::string(services) + R"(status_mirror:
  kind: statuspage
  base_url: https://api.statuspage.example/
  page_id: pg1
  components: {checkout: cmp1}
)",
                                        {{"STATUSPAGE_API_KEY", "sp-very-secret"}});
    REQUIRE_MESSAGE(l.ok(), all(l));
    const auto& m = l.values.status_mirror;
    CHECK(m.kind == status_host_kind::statuspage);
    CHECK(m.base_url == "https://api.statuspage.example");
    CHECK(m.page_id == "pg1");
    CHECK(m.components.at("checkout") == "cmp1");
    CHECK(m.api_key.source == "env STATUSPAGE_API_KEY");
    const auto text = describe(l.values);
    CHECK(text.find("sp-very-secret") == std::string::npos);
    CHECK(text.find("api_key: <redacted from env STATUSPAGE_API_KEY>") != std::string::npos);
    CHECK(missing_run_secrets(l.values).size() == 2); // the Slack tokens only
}

TEST_CASE("config: Statuspage mirroring is off by default and needs its key and page") {
    const auto off = load_with_severities("");
    REQUIRE_MESSAGE(off.ok(), all(off));
    CHECK(off.values.status_mirror.kind == status_host_kind::none);
    CHECK(off.values.status_mirror.base_url == "https://api.statuspage.io");

    const auto bare = load_with_severities("status_mirror: {kind: statuspage, page_id: pg1}\n");
    REQUIRE_MESSAGE(bare.ok(), all(bare));
    std::string missing;
    for (const auto& p : missing_run_secrets(bare.values))
        missing += to_string(p) + "\n";
    CHECK(missing.find("STATUSPAGE_API_KEY") != std::string::npos);

    const auto no_page =
        load_with_severities("status_mirror: {kind: statuspage}\n", {{"STATUSPAGE_API_KEY", "k"}});
    CHECK(all(no_page).find("page_id") != std::string::npos);
}

TEST_CASE("config: an inline API key, an unknown service or kind are refused") {
    const auto inline_key =
        load_with_severities("status_mirror: {kind: statuspage, page_id: pg1, api_key: sp-oops}\n");
    REQUIRE_MESSAGE(inline_key.problems.size() == 1, all(inline_key));
    CHECK(all(inline_key).find("STATUSPAGE_API_KEY") != std::string::npos);
    CHECK(all(inline_key).find("sp-oops") == std::string::npos);

    const auto unknown = load_with_severities(std::string(services) +
                                                  "status_mirror: {kind: statuspage, page_id: pg1, "
                                                  "components: {chekout: cmp1}}\n",
                                              {{"STATUSPAGE_API_KEY", "k"}});
    CHECK(all(unknown).find("unknown service `chekout`") != std::string::npos);
    CHECK(all(unknown).find("checkout") != std::string::npos);

    CHECK_FALSE(load_with_severities("status_mirror: {kind: statusio}\n").ok());
}
