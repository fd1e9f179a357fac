// status_mirror: Statuspage or status.io; the API key (and status.io's API id) from the
// environment or a file, never the config file; components name configured services.

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

    CHECK(all(load_with_severities("status_mirror: {kind: statuspages}\n")).find("statusio") !=
          std::string::npos);
}

TEST_CASE("config: status.io mirroring maps services to a component and a container") {
    const auto l =
        load_text(std::string(services) + std::string(quiet_severities) + R"(status_mirror:
  kind: statusio
  page_id: 568d8a3e3cada8c2490000dd
  components:
    checkout: {component: 568d8a3e3cada8c2490000ed, container: 568d8a3e3cada8c2490000ec}
  api_id_file: /run/secrets/statusio-id
)",
                  "siren.yaml", env_of({{"STATUSIO_API_KEY", "sio-very-secret"}}),
                  [](const std::string& path) -> outcome<std::string> {
                      if (path != "/run/secrets/statusio-id")
                          return {boost::system::in_place_error, "no such file"};
                      return {boost::system::in_place_value, "sio-id-0001\n"};
                  });
    REQUIRE_MESSAGE(l.ok(), all(l));
    const auto& m = l.values.status_mirror;
    CHECK(m.kind == status_host_kind::statusio);
    CHECK(m.base_url == "https://api.status.io/v2");
    CHECK(m.page_id == "568d8a3e3cada8c2490000dd");
    CHECK(m.components.at("checkout") == "568d8a3e3cada8c2490000ed");
    CHECK(m.containers.at("checkout") == "568d8a3e3cada8c2490000ec");
    CHECK(m.api_id.value == "sio-id-0001");
    CHECK(m.api_key.source == "env STATUSIO_API_KEY");
    const auto text = describe(l.values);
    CHECK(text.find("sio-very-secret") == std::string::npos);
    CHECK(text.find("sio-id-0001") == std::string::npos);
    CHECK(text.find("kind: statusio") != std::string::npos);
    CHECK(text.find("container: 568d8a3e3cada8c2490000ec") != std::string::npos);
    CHECK(text.find("api_id: <redacted from file /run/secrets/statusio-id>") != std::string::npos);
    CHECK(text.find("api_key: <redacted from env STATUSIO_API_KEY>") != std::string::npos);
    CHECK(missing_run_secrets(l.values).size() == 2); // the Slack tokens only
}

TEST_CASE("config: status.io needs its API id and key, the page, and whole components") {
    const auto bare = load_with_severities("status_mirror: {kind: statusio, page_id: pg1}\n");
    REQUIRE_MESSAGE(bare.ok(), all(bare));
    std::string missing;
    for (const auto& p : missing_run_secrets(bare.values))
        missing += to_string(p) + "\n";
    CHECK(missing.find("STATUSIO_API_ID") != std::string::npos);
    CHECK(missing.find("STATUSIO_API_KEY") != std::string::npos);

    const std::map<std::string, std::string> both = {{"STATUSIO_API_ID", "i"},
                                                     {"STATUSIO_API_KEY", "k"}};
    CHECK(all(load_with_severities("status_mirror: {kind: statusio}\n", both)).find("page_id") !=
          std::string::npos);
    const auto flat = load_with_severities(std::string(services) +
                                               "status_mirror: {kind: statusio, page_id: pg1, "
                                               "components: {checkout: cmp1}}\n",
                                           both);
    CHECK(all(flat).find("component and container") != std::string::npos);
    const auto half = load_with_severities(std::string(services) +
                                               "status_mirror: {kind: statusio, page_id: pg1, "
                                               "components: {checkout: {component: cmp1}}}\n",
                                           both);
    CHECK(all(half).find("container") != std::string::npos);
    CHECK(half.values.status_mirror.components.empty());

    const auto inline_id = load_with_severities(
        "status_mirror: {kind: statusio, page_id: pg1, api_id: sio-oops}\n", both);
    CHECK(all(inline_id).find("STATUSIO_API_ID") != std::string::npos);
    CHECK(all(inline_id).find("sio-oops") == std::string::npos);
    const auto statuspage_id =
        load_with_severities("status_mirror: {kind: statuspage, page_id: pg1, api_id_file: /x}\n",
                             {{"STATUSPAGE_API_KEY", "k"}});
    CHECK(all(statuspage_id).find("only status.io") != std::string::npos);
}
