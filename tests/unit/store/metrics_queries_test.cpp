#include "store_test_support.hpp"

#include <doctest/doctest.h>

using namespace siren;
using namespace siren::store;
using namespace siren::store::testing;

namespace {

page_user page_for(std::string user, std::string dedup_key) {
    return {.user = std::move(user),
            .rotation = "eoc",
            .summary = "#1 S1 orderbook",
            .level = severity::s1,
            .dedup_key = std::move(dedup_key)};
}

decision acknowledging(std::string dedup_key, user_id by) {
    decision d;
    d.page_changes.push_back(
        {.dedup_key = std::move(dedup_key), .to = page_status::acknowledged, .by = std::move(by)});
    return d;
}

} // namespace

TEST_CASE("store metrics: open incidents are counted by severity, resolved ones not") {
    auto store = open_memory();
    CHECK(store->open_incidents_by_severity().empty());

    incident first = sample_incident(1, "incident-1");
    incident second = sample_incident(2, "incident-2");
    incident third = sample_incident(3, "incident-3");
    third.level = severity::s3;
    for (const incident& i : {first, second, third})
        must_commit(*store, declare(i), "declare-" + std::to_string(i.id), t0);
    CHECK(store->open_incidents_by_severity() ==
          std::map<severity, std::int64_t>{{severity::s1, 2}, {severity::s3, 1}});

    second.current = stage::resolved;
    second.resolved_at = t0 + hours(1);
    decision resolve;
    resolve.saved = second;
    must_commit(*store, resolve, "resolve-2", t0 + hours(1));
    CHECK(store->open_incidents_by_severity() ==
          std::map<severity, std::int64_t>{{severity::s1, 1}, {severity::s3, 1}});
}

TEST_CASE("store metrics: the oldest pending effect is the oldest decided and not finished") {
    auto store = open_memory();
    CHECK_FALSE(store->oldest_pending_effect());

    must_commit(*store, declare(sample_incident(1, "incident-1")), "a", t0);
    must_commit(*store, declare(sample_incident(2, "incident-2")), "b", t0 + minutes(3));
    CHECK(store->oldest_pending_effect() == t0);

    // Finish every effect of the first incident: the second's are now the oldest.
    for (int round = 0; round < 10; ++round)
        for (const outbox_item& due : store->due_effects(t0 + minutes(3), 10))
            if (due.incident == 1)
                store->mark_done(due.id, t0 + minutes(3));
    CHECK(store->oldest_pending_effect() == t0 + minutes(3));

    for (int round = 0; round < 10; ++round)
        for (const outbox_item& due : store->due_effects(t0 + minutes(3), 10))
            store->mark_failed(due.id, "gave up", t0 + minutes(4));
    CHECK(store->pending_effects() == 0);
    CHECK_FALSE(store->oldest_pending_effect());
}

TEST_CASE("store metrics: acknowledged pages are counted by the provider that sent them") {
    auto store = open_memory();
    must_commit(*store, declare(sample_incident(1, "incident-1")), "declare", t0);
    store->record_page(1, page_for("bob", "siren-1-eoc"), "pagerduty", t0);
    store->record_page(1, page_for("carol", "siren-1-imoc"), "pagerduty", t0);
    store->record_page(1, page_for("dave", "siren-1-cmoc"), "slack", t0);
    CHECK(store->acknowledged_pages_by_provider().empty());

    must_commit(*store, acknowledging("siren-1-eoc", "bob"), "ack-1", t0 + minutes(1));
    must_commit(*store, acknowledging("siren-1-cmoc", "dave"), "ack-2", t0 + minutes(2));
    // Acknowledging again counts nothing more.
    must_commit(*store, acknowledging("siren-1-eoc", "bob"), "ack-3", t0 + minutes(3));
    CHECK(store->acknowledged_pages_by_provider() ==
          std::map<std::string, std::int64_t>{{"pagerduty", 1}, {"slack", 1}});
}
