#include "bot/people_directory.hpp"

#include <doctest/doctest.h>

using namespace siren;
using namespace std::chrono;

namespace {

struct fixture {
    settings config;
    std::unique_ptr<store::sqlite_store> store =
        std::move(*store::sqlite_store::open(":memory:", store::open_mode::migrate));

    fixture() {
        config.workspace.time_zone = "Europe/Berlin";
        config.people = {
            {.handle = "alice", .slack_id = "U0A1ALICE", .time_zone = "America/New_York"},
            {.handle = "bob", .slack_id = "U0B2BOB"}};
        rotation_settings eoc;
        eoc.name = "eoc";
        eoc.members = {"alice", "bob"};
        eoc.time_zone = "UTC";
        eoc.start = sys_days{year{2026} / 3 / 2}; // a Monday
        config.rotations = {eoc};
    }
};

constexpr siren::time_point in_first_week = sys_days{year{2026} / 3 / 4};
constexpr siren::time_point in_second_week = sys_days{year{2026} / 3 / 11};

} // namespace

TEST_CASE("bot: in the shell people are their handles") {
    fixture f;
    people_directory people(f.config, *f.store, identity::handle);
    CHECK(people.knows("alice"));
    CHECK_FALSE(people.knows("zed"));
    CHECK_FALSE(people.knows(""));
    CHECK(people.on_call("eoc", in_first_week) == "alice");
    CHECK(people.on_call("eoc", in_second_week) == "bob");
    CHECK_FALSE(people.on_call("imoc", in_first_week));
}

TEST_CASE("bot: in Slack people are Slack ids, and only ids count") {
    fixture f;
    people_directory people(f.config, *f.store, identity::slack_id);
    CHECK(people.knows("U0A1ALICE"));
    CHECK(people.knows("W012ABC")); // not in the config, but a member Slack named
    CHECK_FALSE(people.knows("bob"));
    CHECK_FALSE(people.knows("U"));
    CHECK(people.on_call("eoc", in_first_week) == "U0A1ALICE");
}

TEST_CASE("bot: an override changes who is on call; time zones fall back to the workspace's") {
    fixture f;
    REQUIRE(f.store
                ->add_override({.rotation = "eoc",
                                .person = "bob",
                                .from = in_first_week - hours{1},
                                .until = in_first_week + hours{1}},
                               "alice")
                .has_value());
    people_directory people(f.config, *f.store, identity::handle);
    CHECK(people.on_call("eoc", in_first_week) == "bob");
    CHECK(people.time_zone("alice") == "America/New_York");
    CHECK(people.time_zone("bob") == "Europe/Berlin");
    CHECK(people.time_zone("zed") == "Europe/Berlin");
}
