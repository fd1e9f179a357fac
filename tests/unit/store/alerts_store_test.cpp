// The alerts table: one row per alert instance, written with the rest of a decision.

#include "store_test_support.hpp"

#include <doctest/doctest.h>

using namespace siren;
using namespace siren::store;
using namespace siren::store::testing;

namespace {

alert_record seen(std::string fingerprint, incident_id incident, std::string page = "") {
    return {.fingerprint = std::move(fingerprint),
            .starts_at = t0 - minutes(5),
            .status = alert_status::firing,
            .group_key = "{}:{alertname=\"HighErrorRate\"}",
            .name = "HighErrorRate",
            .labels = "service=checkout severity=critical",
            .summary = "Checkout 5xx > 5%",
            .incident = incident,
            .page = std::move(page),
            .first_seen = t0,
            .last_seen = t0};
}

} // namespace

TEST_CASE("store: alerts are recorded with the incident they declare, in one transaction") {
    auto store = open_memory();
    CHECK(store->schema_version() >= 5);
    decision d = declare(sample_incident(1, "incident-1"));
    d.alerts = {seen("b27ebb78fdf033be", 1), seen("4d6490073453379d", 1)};
    must_commit(*store, d, "alertmanager/1", t0);

    auto found = store->find_alert("b27ebb78fdf033be", t0 - minutes(5));
    REQUIRE(found);
    CHECK(found->status == alert_status::firing);
    CHECK(found->incident == 1);
    CHECK(found->group_key == "{}:{alertname=\"HighErrorRate\"}");
    CHECK(found->name == "HighErrorRate");
    CHECK(found->labels == "service=checkout severity=critical");
    CHECK(found->summary == "Checkout 5xx > 5%");
    CHECK(found->page.empty());
    CHECK_FALSE(found->ends_at);
    CHECK(found->first_seen == t0);
    // Another start of the same fingerprint is another alert.
    CHECK_FALSE(store->find_alert("b27ebb78fdf033be", t0));
    CHECK(store->incident_of_group("{}:{alertname=\"HighErrorRate\"}") == 1);
    CHECK(store->incident_of_group("{}:{other}") == 0);
}

TEST_CASE("store: recording an alert again updates it and keeps when it was first seen") {
    auto store = open_memory();
    decision paged;
    paged.alerts = {seen("4d6490073453379d", 0, "siren-alert-4d6490073453379d-1")};
    must_commit(*store, paged, "alertmanager/1", t0);
    CHECK(store->incident_of_group("{}:{alertname=\"HighErrorRate\"}") == 0);

    decision resolved;
    alert_record later = seen("4d6490073453379d", 0);
    later.status = alert_status::resolved;
    later.ends_at = t0 + minutes(9);
    later.first_seen = later.last_seen = t0 + minutes(10);
    resolved.alerts = {later};
    must_commit(*store, resolved, "alertmanager/2", t0 + minutes(10));

    auto found = store->find_alert("4d6490073453379d", t0 - minutes(5));
    REQUIRE(found);
    CHECK(found->status == alert_status::resolved);
    CHECK(found->ends_at == t0 + minutes(9));
    CHECK(found->first_seen == t0);
    CHECK(found->last_seen == t0 + minutes(10));
    CHECK(found->page == "siren-alert-4d6490073453379d-1"); // not forgotten
}

TEST_CASE("store: a redelivered group and a failed commit store no alert") {
    auto store = open_memory();
    decision d;
    d.alerts = {seen("00000000000000aa", 0)};
    must_commit(*store, d, "alertmanager/1", t0);
    decision again;
    again.alerts = {seen("00000000000000bb", 0)};
    CHECK(must_commit(*store, again, "alertmanager/1", t0).duplicate);
    CHECK_FALSE(store->find_alert("00000000000000bb", t0 - minutes(5)));

    // An alert naming an incident that does not exist breaks the transaction: none of the
    // decision is kept, neither the other alert nor the inbox row.
    decision broken;
    broken.alerts = {seen("00000000000000cc", 0), seen("00000000000000dd", 42)};
    CHECK_FALSE(store->commit(broken, "alertmanager/2", t0).has_value());
    CHECK_FALSE(store->find_alert("00000000000000cc", t0 - minutes(5)));
    CHECK_FALSE(store->seen_envelope("alertmanager/2"));
}
