#include "store/effect_codec.hpp"
#include "store_test_support.hpp"

#include <doctest/doctest.h>

using namespace siren;
using namespace siren::store;
using namespace siren::store::testing;

TEST_CASE("store: tracker effects survive the outbox codec") {
    create_tracker_issue create{.incident = 12,
                                .action = 3,
                                .title = "#12 Checkout returns 500",
                                .description = "Incident #12",
                                .level = severity::s1,
                                .near_miss = true};
    auto decoded = decode_effect(encode_effect(create));
    REQUIRE(decoded.has_value());
    const auto& back = std::get<create_tracker_issue>(*decoded);
    CHECK(back.incident == 12);
    CHECK(back.action == 3);
    CHECK(back.title == create.title);
    CHECK(back.level == severity::s1);
    CHECK(back.near_miss);

    update_tracker_issue update{.incident = 12, .level = severity::s3, .current = stage::resolved};
    auto again = decode_effect(encode_effect(update));
    REQUIRE(again.has_value());
    CHECK(std::get<update_tracker_issue>(*again).current == stage::resolved);
    CHECK(std::get<update_tracker_issue>(*again).level == severity::s3);

    CHECK_FALSE(decode_effect(R"({"kind":"update_tracker_issue","incident":1,"level":"S1",)"
                              R"("stage":"sideways"})")
                    .has_value());
    CHECK_FALSE(decode_effect(R"({"kind":"update_tracker_issue","incident":"1","level":"S1",)"
                              R"("stage":"resolved"})")
                    .has_value());
    CHECK(is_tracking(update));
    CHECK_FALSE(is_tracking(create_channel{.name = "x", .is_private = false}));
}

TEST_CASE("store: tracker issues are recorded once and link the incident and its actions") {
    auto store = open_memory();
    must_commit(*store, declare(sample_incident(1, "incident-1")), "env-1", t0);
    CHECK(store->find(1)->tracker_url.empty());
    CHECK_FALSE(store->tracker_issue(1, 0));

    timer link{.id = 0, .kind = "tracker_linked", .incident = 1, .due_at = t0};
    store->record_tracker_issue(1, 0, "17", "https://gitlab.example/-/issues/17", link);
    // Kept: 17, and its timer is not started again.
    store->record_tracker_issue(1, 0, "18", "https://gitlab.example/-/issues/18", link);
    auto issue = store->tracker_issue(1, 0);
    REQUIRE(issue.has_value());
    CHECK(issue->key == "17");
    CHECK(store->find(1)->tracker_url == "https://gitlab.example/-/issues/17");
    CHECK(store->find(1)->tracker_key == "17");
    CHECK(store->due_timers(t0).size() == 1);

    int number = store->add_action({.incident = 1, .text = "alert on errors"});
    store->record_tracker_issue(1, number, "19", "https://gitlab.example/-/issues/19",
                                std::nullopt);
    CHECK(store->actions(1).front().ticket == "https://gitlab.example/-/issues/19");
    CHECK(store->find(1)->tracker_url == "https://gitlab.example/-/issues/17");
}
