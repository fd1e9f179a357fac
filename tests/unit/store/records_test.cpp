#include "store_test_support.hpp"

#include <doctest/doctest.h>

using namespace siren;
using namespace siren::store;
using namespace siren::store::testing;

namespace {

std::unique_ptr<sqlite_store> store_with_incident() {
    auto store = open_memory();
    must_commit(*store, declare(sample_incident(1, "incident-1")), "env-1", t0);
    return store;
}

} // namespace

TEST_CASE("store: channel ids are remembered by incident and by name") {
    auto store = store_with_incident();
    CHECK_FALSE(store->channel_id_for("incident-1"));

    store->set_channel_id(1, "incident-1", "C001");
    CHECK(store->find(1)->channel_id == "C001");
    CHECK(store->channel_id_for("incident-1") == "C001");

    store->set_channel_id(0, "incidents", "C999"); // a channel of no incident
    store->set_channel_id(0, "incidents", "C998");
    CHECK(store->channel_id_for("incidents") == "C998");
    CHECK_FALSE(store->find_by_channel("C998"));
}

TEST_CASE("store: the channel id of an incident can be set from its name") {
    auto store = store_with_incident();
    store->set_channel_id(1, "C001");
    CHECK(store->find(1)->channel_id == "C001");
    CHECK(store->channel_id_for("incident-1") == "C001");

    store->set_channel_id(42, "C042"); // no such incident: nothing to remember
    CHECK_FALSE(store->find(42));
    CHECK_FALSE(store->find_by_channel("C042"));
}

TEST_CASE("store: message timestamps are found by channel and key") {
    auto store = store_with_incident();
    CHECK_FALSE(store->message_ts("incident-1", "intro"));

    store->save_message(1, "incident-1", "intro", "1711267200.000100");
    store->save_message(0, "incidents", "intro", "1711267200.000200");
    CHECK(store->message_ts("incident-1", "intro") == "1711267200.000100");
    CHECK(store->message_ts("incidents", "intro") == "1711267200.000200");
    CHECK_FALSE(store->message_ts("incident-1", "status"));

    store->save_message(1, "incident-1", "intro", "1711267300.000100"); // reposted
    CHECK(store->message_ts("incident-1", "intro") == "1711267300.000100");
}

TEST_CASE("store: pages are recorded once and resolved with their incident") {
    auto store = store_with_incident();
    const page_user eoc{.user = "bob",
                        .rotation = "eoc",
                        .summary = "#1 S1 orderbook",
                        .level = severity::s1,
                        .dedup_key = "siren-1-eoc"};
    const page_user imoc{.user = "carol",
                         .rotation = "imoc",
                         .summary = "#1 S1 orderbook",
                         .level = severity::s1,
                         .dedup_key = "siren-1-imoc"};
    const page_user report{.user = "bob",
                           .rotation = "eoc",
                           .summary = "report",
                           .level = severity::s2,
                           .dedup_key = "report-1"};
    store->record_page(1, eoc, "pagerduty", t0);
    store->record_page(1, eoc, "pagerduty", t0 + minutes(1)); // a retried send
    store->record_page(1, imoc, "pagerduty", t0 + minutes(5));
    store->record_page(0, report, "slack", t0);

    auto pages = store->pages(1);
    REQUIRE(pages.size() == 2);
    CHECK(pages[0].dedup_key == "siren-1-eoc");
    CHECK(pages[0].incident == 1);
    CHECK(pages[0].user == "bob");
    CHECK(pages[0].rotation == "eoc");
    CHECK(pages[0].provider == "pagerduty");
    CHECK(pages[0].summary == "#1 S1 orderbook");
    CHECK(pages[0].sent_at == t0);
    CHECK(pages[0].status == page_status::triggered);
    CHECK_FALSE(pages[0].acknowledged_at);
    CHECK(pages[0].acknowledged_by.empty());
    CHECK_FALSE(pages[0].escalated_at);
    CHECK_FALSE(pages[0].resolved_at);
    CHECK(pages[1].user == "carol");
    CHECK(store->pages_sent_since(t0).size() == 3); // the report's page too
    auto later = store->pages_sent_since(t0 + minutes(2));
    REQUIRE(later.size() == 1);
    CHECK(later[0].dedup_key == "siren-1-imoc");

    store->resolve_pages(1, t0 + hours(1));
    store->resolve_pages(1, t0 + hours(2)); // already resolved: kept as it was
    for (const page_record& p : store->pages(1)) {
        CHECK(p.status == page_status::resolved);
        CHECK(p.resolved_at == t0 + hours(1));
    }
    CHECK(store->pages(2).empty());
}

TEST_CASE("store: a page is resolved by its dedup key") {
    auto store = store_with_incident();
    for (const char* key : {"siren-1-eoc", "siren-1-imoc"})
        store->record_page(1,
                           {.user = "bob",
                            .rotation = "eoc",
                            .summary = "",
                            .level = severity::s1,
                            .dedup_key = key},
                           "opsgenie", t0);
    store->resolve_page("siren-1-imoc", t0 + minutes(9));
    store->resolve_page("unknown", t0 + minutes(9));

    auto pages = store->pages(1);
    REQUIRE(pages.size() == 2);
    CHECK(pages[0].status == page_status::triggered);
    CHECK(pages[1].status == page_status::resolved);
    CHECK(pages[1].resolved_at == t0 + minutes(9));
}

TEST_CASE("store: timers are due until fired") {
    auto store = store_with_incident();
    CHECK_FALSE(store->next_timer_due());
    auto escalate = store->add_timer({.kind = "escalation",
                                      .incident = 1,
                                      .due_at = t0 + minutes(5),
                                      .payload = R"({"level":1})"});
    auto remind =
        store->add_timer({.kind = "update_reminder", .incident = 1, .due_at = t0 + minutes(30)});
    auto review =
        store->add_timer({.kind = "weekly_report", .due_at = t0 + days(7), .payload = "eoc"});
    CHECK(escalate != remind);
    CHECK(store->next_timer_due() == t0 + minutes(5));

    CHECK(store->due_timers(t0).empty());
    auto due = store->due_timers(t0 + hours(1));
    REQUIRE(due.size() == 2);
    CHECK(due[0].id == escalate);
    CHECK(due[0].kind == "escalation");
    CHECK(due[0].incident == 1);
    CHECK(due[0].due_at == t0 + minutes(5));
    CHECK(due[0].payload == R"({"level":1})");
    CHECK(due[1].id == remind);

    store->mark_timer_fired(escalate);
    CHECK(store->next_timer_due() == t0 + minutes(30));
    store->mark_timer_fired(remind);
    auto weekly = store->due_timers(t0 + days(8));
    REQUIRE(weekly.size() == 1);
    CHECK(weekly[0].id == review);
    CHECK(weekly[0].incident == 0);
    store->mark_timer_fired(review);
    CHECK_FALSE(store->next_timer_due());
}

TEST_CASE("store: rotation overrides are added, listed in creation order and removed") {
    auto store = open_memory();
    auto later = store->add_override(
        {.rotation = "eoc", .person = "bob", .from = t0 + days(2), .until = t0 + days(3)}, "alice");
    auto sooner = store->add_override(
        {.rotation = "eoc", .person = "carol", .from = t0, .until = t0 + hours(12)}, "bob");
    REQUIRE(later.has_value());
    REQUIRE(sooner.has_value());
    REQUIRE(
        store
            ->add_override(
                {.rotation = "imoc", .person = "dave", .from = t0, .until = t0 + days(1)}, "dave")
            .has_value());

    // Creation order, not start order: where overrides overlap the later one wins.
    auto eoc = store->overrides("eoc");
    REQUIRE(eoc.size() == 2);
    CHECK(eoc[0].rotation == "eoc");
    CHECK(eoc[0].person == "bob");
    CHECK(eoc[0].from == t0 + days(2));
    CHECK(eoc[0].until == t0 + days(3));
    CHECK(eoc[1].person == "carol");

    auto records = store->override_records("eoc");
    REQUIRE(records.size() == 2);
    CHECK(records[0].id == *later);
    CHECK(records[0].created_by == "alice");
    CHECK(records[1].id == *sooner);
    CHECK(records[1].what.person == "carol");
    CHECK(records[1].created_by == "bob");

    CHECK(store->remove_override(*sooner));
    CHECK_FALSE(store->remove_override(*sooner));
    CHECK(store->overrides("eoc").size() == 1);
    CHECK(store->overrides("cmoc").empty());

    auto inverted =
        store->add_override({.rotation = "eoc", .person = "bob", .from = t0, .until = t0}, "alice");
    REQUIRE_FALSE(inverted.has_value());
    CHECK(inverted.error() == "an override must end after it starts");
    auto nobody = store->add_override(
        {.rotation = "eoc", .person = "", .from = t0, .until = t0 + hours(1)}, "alice");
    REQUIRE_FALSE(nobody.has_value());
}

TEST_CASE("store: follow-up actions are numbered per incident and marked done") {
    auto store = store_with_incident();
    must_commit(*store, declare(sample_incident(2, "incident-2")), "env-2", t0);

    CHECK(store->add_action(
              {.incident = 1, .text = "alert on stale prices", .owner = "bob", .ticket = ""}) == 1);
    CHECK(store->add_action({.incident = 1,
                             .text = "runbook for the feed",
                             .owner = "carol",
                             .ticket = "OPS-12"}) == 2);
    CHECK(store->add_action({.incident = 2, .text = "other", .owner = "dave", .ticket = ""}) == 1);

    CHECK(store->mark_action_done(1, 2));
    CHECK_FALSE(store->mark_action_done(1, 3));

    auto found = store->actions(1);
    REQUIRE(found.size() == 2);
    CHECK(found[0].incident == 1);
    CHECK(found[0].number == 1);
    CHECK(found[0].text == "alert on stale prices");
    CHECK(found[0].owner == "bob");
    CHECK(found[0].ticket.empty());
    CHECK_FALSE(found[0].done);
    CHECK(found[1].ticket == "OPS-12");
    CHECK(found[1].done);
    CHECK(store->actions(3).empty());
}
