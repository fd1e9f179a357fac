#include "store_test_support.hpp"

#include <doctest/doctest.h>

using namespace siren;
using namespace siren::store;
using namespace siren::store::testing;

TEST_CASE("store: a decision saves the review and follow-ups with the incident, or none") {
    auto store = open_memory();
    CHECK_FALSE(store->find_review(1).has_value());
    decision d = declare(sample_incident(1, "incident-1"));
    d.saved_review = review{.incident = 1,
                            .owner = "dave",
                            .near_miss_level = severity::s1,
                            .opened_at = t0,
                            .provisional_due = t0 + hours(24),
                            .full_due = t0 + days(7)};
    d.actions_saved = {{.incident = 1, .number = 1, .text = "alert", .owner = "bob"},
                       {.incident = 1, .number = 2, .text = "runbook", .ticket = "OPS-1"}};
    must_commit(*store, d, "env-1", t0);

    auto r = store->find_review(1);
    REQUIRE(r);
    CHECK(r->owner == "dave");
    CHECK(r->near_miss_level == severity::s1);
    CHECK(r->opened_at == t0);
    CHECK(r->provisional_due == t0 + hours(24));
    CHECK(r->full_due == t0 + days(7));
    CHECK_FALSE(r->drafted_at);
    CHECK_FALSE(r->written_at);
    REQUIRE(store->actions(1).size() == 2);
    CHECK(store->actions(1)[1].ticket == "OPS-1");

    // Saved again: replaced whole, actions by number.
    decision later;
    review written = *r;
    written.near_miss_level.reset();
    written.drafted_at = t0 + hours(1);
    written.written_at = t0 + hours(2);
    written.written_by = "dave";
    later.saved_review = written;
    later.actions_saved = {{.incident = 1, .number = 2, .text = "runbook", .done = true}};
    must_commit(*store, later, "env-2", t0 + hours(2));
    r = store->find_review(1);
    REQUIRE(r);
    CHECK_FALSE(r->near_miss_level);
    CHECK(r->drafted_at == t0 + hours(1));
    CHECK(r->written_at == t0 + hours(2));
    CHECK(r->written_by == "dave");
    auto actions = store->actions(1);
    REQUIRE(actions.size() == 2);
    CHECK(actions[1].done);
    CHECK(actions[1].ticket.empty());
    CHECK(store->add_action({.incident = 1, .text = "third"}) == 3);

    // A review of an incident that does not exist breaks the transaction: nothing is saved.
    decision broken;
    broken.saved_review = review{.incident = 9};
    broken.actions_saved = {{.incident = 1, .number = 4, .text = "lost"}};
    CHECK_FALSE(store->commit(broken, "env-3", t0).has_value());
    CHECK(store->actions(1).size() == 3);
    CHECK_FALSE(store->find_review(9));
}
