// The bridge and the service's links at declare: in the pinned intro and as channel bookmarks.

#include "commands/incident_effects.hpp"
#include "tests/unit/commands/fakes.hpp"

#include <doctest/doctest.h>

using namespace siren;
using siren::testing::effects_of;
using siren::testing::world;

namespace {

bool contains(std::string_view text, std::string_view part) {
    return text.find(part) != std::string_view::npos;
}

} // namespace

TEST_CASE("bookmarks: a declaration bookmarks the bridge, the runbook and the service's links") {
    world w;
    for (auto& p : w.config.severities)
        if (p.level == severity::s1)
            p.bridge = "https://zoom.us/j/123";
    w.config.services[0].links = {{"Dashboard", "https://grafana.example.com/d/checkout"},
                                  {"Logs", "https://logs.example.com/checkout"}};
    decision d = w.run("/incident", "declare S1 Checkout returns 500 --service checkout");
    REQUIRE(d.saved);
    auto marks = effects_of<add_bookmark>(d);
    REQUIRE(marks.size() == 4);
    CHECK(marks[0].title == "Bridge");
    CHECK(marks[0].link == "https://zoom.us/j/123");
    CHECK(marks[1].title == "Runbook");
    CHECK(marks[1].link == "https://runbooks.example.com/checkout");
    CHECK(marks[2].title == "Dashboard");
    CHECK(marks[3].title == "Logs");
    for (const auto& m : marks)
        CHECK(m.channel == d.saved->channel_name);
    auto posts = effects_of<post_message>(d);
    REQUIRE_FALSE(posts.empty());
    CHECK(contains(posts[0].text, "*Bridge:* https://zoom.us/j/123"));
    CHECK(contains(posts[0].text, "<https://logs.example.com/checkout|Logs>"));
}

TEST_CASE("bookmarks: none without a bridge or a service, and the bridge is the severity's") {
    world w;
    decision plain = w.run("/incident", "declare S2 Something odd");
    CHECK(effects_of<add_bookmark>(plain).empty());
    for (auto& p : w.config.severities)
        if (p.level == severity::s1)
            p.bridge = "https://meet.example.com/s1";
    decision s2 = w.run("/incident", "declare S2 Something else odd");
    CHECK(effects_of<add_bookmark>(s2).empty());
    REQUIRE(s2.saved);
    CHECK(commands::bookmarks(*s2.saved, w.config).empty());
}
