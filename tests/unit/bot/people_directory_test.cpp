#include "bot/people_directory.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
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

namespace {

// A provider whose schedule answers from a script: a list of people, or a failure.
struct scripted_schedule final : adapters::oncall_source {
    adapters::call_result<std::vector<adapters::external_shift>> next =
        std::vector<adapters::external_shift>{};
    std::vector<std::string> asked;

    boost::asio::awaitable<adapters::call_result<std::vector<adapters::external_shift>>>
    on_call(std::string schedule, siren::time_point) override {
        asked.push_back(schedule);
        co_return next;
    }
};

void refresh(external_schedules& schedules) {
    boost::asio::io_context io;
    boost::asio::co_spawn(io, schedules.refresh(in_first_week), boost::asio::detached);
    io.run();
}

} // namespace

TEST_CASE("bot: a rotation scheduled in PagerDuty is staffed by its latest answer") {
    fixture f;
    f.config.people[1].email = "Bob@Example.com";
    rotation_settings imoc;
    imoc.name = "imoc";
    imoc.source = schedule_source::pagerduty;
    imoc.external_id = "PSCHED1";
    f.config.rotations.push_back(imoc);
    scripted_schedule pagerduty;
    external_schedules schedules(f.config, &pagerduty, nullptr);
    people_directory people(f.config, *f.store, identity::slack_id, &schedules);
    CHECK_FALSE(people.on_call("imoc", in_first_week)); // nothing fetched yet

    pagerduty.next = std::vector<adapters::external_shift>{
        {.email = "bob@example.com",
         .name = "Bob",
         .start = in_first_week - hours(1),
         .end = in_first_week + hours(5)},
        {.email = "stranger@example.com", .name = "Stranger"}};
    refresh(schedules);
    CHECK(pagerduty.asked == std::vector<std::string>{"PSCHED1"});
    CHECK(people.on_call("imoc", in_first_week) == "U0B2BOB");
    auto now = people.shifts("imoc", in_first_week, in_first_week + hours(1));
    REQUIRE(now.size() == 1);
    CHECK(now[0].end == in_first_week + hours(5));
    CHECK_FALSE(people.on_call("imoc:secondary", in_first_week)); // not one of siren's people
    CHECK(people.on_call("eoc", in_first_week) == "U0A1ALICE");   // siren's own rotation as before

    pagerduty.next = adapters::call_result<std::vector<adapters::external_shift>>(
        boost::system::in_place_error,
        adapters::failure{.retryable = true, .message = "PagerDuty answered 503"});
    refresh(schedules);
    CHECK(people.on_call("imoc", in_first_week) == "U0B2BOB"); // a hiccup keeps the last answer
}
