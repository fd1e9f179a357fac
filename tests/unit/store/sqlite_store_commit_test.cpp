#include "store_test_support.hpp"

#include <set>

#include <doctest/doctest.h>

using namespace siren;
using namespace siren::store;
using namespace siren::store::testing;

TEST_CASE("store: committing a declaration saves the incident, roles, timeline and effects") {
    auto store = open_memory();
    incident declared = sample_incident(store->next_incident_id(), "incident-20260324-orderbook");
    declared.roles[role::tl] = "bob";
    declared.summary = "prices lag by minutes";

    auto saved = store->commit(declare(declared), "env-1", t0);
    REQUIRE(saved.has_value());
    CHECK_FALSE(saved->duplicate);

    auto found = store->find(1);
    REQUIRE(found);
    CHECK(found->id == 1);
    CHECK(found->title == declared.title);
    CHECK(found->level == severity::s1);
    CHECK(found->current == stage::declared);
    CHECK(found->status == public_status::partial_service_disruption);
    CHECK(found->service == "orderbook");
    CHECK_FALSE(found->security);
    CHECK_FALSE(found->near_miss);
    CHECK(found->channel_name == "incident-20260324-orderbook");
    CHECK(found->channel_id.empty());
    CHECK(found->roles == std::map<role, user_id>{{role::ic, "alice"}, {role::tl, "bob"}});
    CHECK(found->declared_by == "alice");
    CHECK(found->declared_at == t0);
    CHECK(found->updated_at == t0);
    CHECK_FALSE(found->resolved_at);
    CHECK(found->summary == "prices lag by minutes");

    auto entries = store->timeline(1);
    REQUIRE(entries.size() == 1);
    CHECK(entries[0].incident == 1);
    CHECK(entries[0].kind == entry_kind::declared);
    CHECK(entries[0].actor == "alice");
    CHECK(entries[0].at == t0);

    CHECK(store->seen_envelope("env-1"));
    CHECK_FALSE(store->seen_envelope("env-2"));
    CHECK(store->next_incident_id() == 2);
    CHECK(store->channel_name_taken("incident-20260324-orderbook"));
    CHECK_FALSE(store->channel_name_taken("incident-20260324-other"));

    CHECK(store->pending_effects() == 3);
    auto due = store->due_effects(t0, 10);
    REQUIRE(due.size() == 1); // the lane runs one effect at a time
    CHECK(due[0].incident == 1);
    CHECK(due[0].idempotency_key == "env-1/0");
    CHECK(due[0].attempts == 0);
    REQUIRE(std::holds_alternative<create_channel>(due[0].action));
    CHECK(std::get<create_channel>(due[0].action).name == "incident-20260324-orderbook");
}

TEST_CASE("store: an update changes the stage and hands a role over") {
    auto store = open_memory();
    incident i = sample_incident(1, "incident-1");
    i.roles[role::tl] = "bob";
    must_commit(*store, declare(i), "env-1", t0);

    i.current = stage::investigating;
    i.level = severity::s0;
    i.status = public_status::service_disruption;
    i.roles[role::ic] = "carol";
    i.roles.erase(role::tl);
    i.roles[role::cl] = "dave";
    i.updated_at = t0 + minutes(5);
    decision update;
    update.saved = i;
    update.timeline.push_back({.incident = 1,
                               .at = t0 + minutes(5),
                               .actor = "alice",
                               .kind = entry_kind::handover,
                               .text = "IC handed to carol"});
    must_commit(*store, update, "env-2", t0 + minutes(5));

    auto found = store->find(1);
    REQUIRE(found);
    CHECK(found->current == stage::investigating);
    CHECK(found->level == severity::s0);
    CHECK(found->status == public_status::service_disruption);
    CHECK(found->updated_at == t0 + minutes(5));
    CHECK(found->roles == std::map<role, user_id>{{role::ic, "carol"}, {role::cl, "dave"}});
    CHECK(owner(*found) == "carol");
    CHECK(store->timeline(1).size() == 2);
    CHECK(store->next_incident_id() == 2);

    // Giving the role back to an earlier holder is a change like any other.
    i.roles[role::ic] = "alice";
    decision back;
    back.saved = i;
    must_commit(*store, back, "env-3", t0 + minutes(6));
    CHECK(store->find(1)->roles.at(role::ic) == "alice");
}

TEST_CASE("store: a decision taken before the channel existed keeps the channel id") {
    auto store = open_memory();
    incident i = sample_incident(1, "incident-1");
    must_commit(*store, declare(i), "env-1", t0);
    store->set_channel_id(1, "C001");

    i.summary = "written from a view read before the channel was created";
    decision update;
    update.saved = i; // channel_id still empty here
    must_commit(*store, update, "env-2", t0);
    CHECK(store->find(1)->channel_id == "C001");
}

TEST_CASE("store: a redelivered envelope is recognised and writes nothing") {
    auto store = open_memory();
    incident i = sample_incident(1, "incident-1");
    must_commit(*store, declare(i), "env-1", t0);

    i.current = stage::investigating;
    decision again = declare(i);
    auto result = store->commit(again, "env-1", t0 + seconds(2));
    REQUIRE(result.has_value());
    CHECK(result->duplicate);
    CHECK(store->find(1)->current == stage::declared);
    CHECK(store->timeline(1).size() == 1);
    CHECK(store->pending_effects() == 3);
}

TEST_CASE("store: a failing decision is rolled back whole") {
    auto store = open_memory();
    decision d = declare(sample_incident(1, "incident-1"));
    SUBCASE("a timeline entry of an incident that does not exist") {
        d.timeline.push_back({.incident = 42,
                              .at = t0,
                              .actor = "alice",
                              .kind = entry_kind::note,
                              .text = "orphan"});
    }
    SUBCASE("a channel name already used by another incident") {
        must_commit(*store, declare(sample_incident(7, "incident-1")), "", t0);
        REQUIRE(store->pending_effects() == 3);
        REQUIRE(store->next_incident_id() == 8);
        d.saved->id = 8;
        d.timeline[0].incident = 8;
    }
    const std::size_t pending_before = store->pending_effects();
    const incident_id next_before = store->next_incident_id();

    auto result = store->commit(d, "env-1", t0);
    REQUIRE_FALSE(result.has_value());
    CHECK(result.error().find("cannot save the decision") != std::string::npos);
    CHECK_FALSE(store->seen_envelope("env-1"));
    CHECK(store->pending_effects() == pending_before);
    CHECK(store->next_incident_id() == next_before);
    CHECK(store->timeline(d.saved->id).empty());

    // The envelope was not recorded, so its redelivery is processed normally.
    d.timeline.resize(1);
    d.saved->channel_name = "incident-unique";
    auto retried = store->commit(d, "env-1", t0);
    REQUIRE(retried.has_value());
    CHECK_FALSE(retried->duplicate);
}

TEST_CASE("store: an incident without an id is refused") {
    auto store = open_memory();
    auto result = store->commit(declare(sample_incident(0, "incident-0")), "env-1", t0);
    REQUIRE_FALSE(result.has_value());
    CHECK_FALSE(store->seen_envelope("env-1"));
}

TEST_CASE("store: a reply-only decision records its envelope") {
    auto store = open_memory();
    auto result = store->commit(reply_only("usage: /incident declare ..."), "env-1", t0);
    REQUIRE(result.has_value());
    CHECK(store->seen_envelope("env-1"));
    CHECK(store->pending_effects() == 0);
    CHECK(store->commit(reply_only("again"), "env-1", t0)->duplicate);
}

TEST_CASE("store: internal triggers commit without an inbox row and get unique keys") {
    auto store = open_memory();
    decision nag;
    nag.effects.push_back(notify_user{.user = "alice", .text = "the update is due"});
    nag.effects.push_back(notify_user{.user = "bob", .text = "the update is due"});
    must_commit(*store, nag, "", t0);
    must_commit(*store, nag, "", t0);
    CHECK(store->pending_effects() == 4);

    // Without an incident each decision is a lane of its own, run in order.
    std::set<std::string> keys;
    for (int round = 0; round < 2; ++round)
        for (const outbox_item& item : store->due_effects(t0, 10)) {
            CHECK(item.incident == 0);
            keys.insert(item.idempotency_key);
            store->mark_done(item.id, t0);
        }
    CHECK(keys == std::set<std::string>{"local-1/0", "local-1/1", "local-3/0", "local-3/1"});
}

TEST_CASE("store: find_by_channel matches the channel id or the name") {
    auto store = open_memory();
    must_commit(*store, declare(sample_incident(1, "incident-1")), "env-1", t0);
    must_commit(*store, declare(sample_incident(2, "incident-2")), "env-2", t0);
    store->set_channel_id(2, "C002");

    CHECK(store->find_by_channel("incident-1")->id == 1);
    CHECK(store->find_by_channel("incident-2")->id == 2);
    CHECK(store->find_by_channel("C002")->id == 2);
    CHECK_FALSE(store->find_by_channel("C001"));
    CHECK_FALSE(store->find_by_channel("general"));
    CHECK_FALSE(store->find_by_channel("")); // incident 1 has no channel id yet
    CHECK_FALSE(store->find(3));
}

TEST_CASE("store: open incidents are the unresolved ones, newest first") {
    auto store = open_memory();
    auto declare_at = [&](incident_id id, time_point at, stage s) {
        incident i = sample_incident(id, "incident-" + std::to_string(id));
        i.declared_at = at;
        i.current = s;
        must_commit(*store, declare(i), "env-" + std::to_string(id), at);
    };
    declare_at(1, t0, stage::investigating);
    declare_at(2, t0 + hours(2), stage::resolved);
    declare_at(3, t0 + hours(1), stage::monitoring);
    declare_at(4, t0 + hours(1), stage::declared);
    declare_at(5, t0 + hours(3), stage::closed);

    std::vector<incident_id> ids;
    for (const incident& i : store->open_incidents())
        ids.push_back(i.id);
    CHECK(ids == std::vector<incident_id>{4, 3, 1});
    for (const incident& i : store->open_incidents())
        CHECK(i.roles.at(role::ic) == "alice");
    ids.clear();
    for (const incident& i : store->newest_open_incidents(2)) {
        ids.push_back(i.id);
        CHECK(i.roles.at(role::ic) == "alice");
    }
    CHECK(ids == std::vector<incident_id>{4, 3});
    CHECK(store->channel_name_taken("incident-5")); // closed ones count too
    CHECK_FALSE(store->channel_name_taken(""));
    CHECK(store->next_incident_id() == 6);
}

TEST_CASE("store: the timeline is oldest first, then in the order it was written") {
    auto store = open_memory();
    decision d = declare(sample_incident(1, "incident-1"));
    d.timeline.push_back({.incident = 1,
                          .at = t0 + minutes(2),
                          .actor = "bob",
                          .kind = entry_kind::note,
                          .text = "b"});
    d.timeline.push_back({.incident = 1,
                          .at = t0 + minutes(1),
                          .actor = "bob",
                          .kind = entry_kind::stage,
                          .text = "a"});
    d.timeline.push_back({.incident = 1,
                          .at = t0 + minutes(2),
                          .actor = "bob",
                          .kind = entry_kind::note,
                          .text = "c"});
    must_commit(*store, d, "env-1", t0);

    std::string order;
    for (const timeline_entry& e : store->timeline(1))
        order += e.text == d.timeline[0].text ? "declared " : e.text + " ";
    CHECK(order == "declared a b c ");
    CHECK(store->timeline(1)[1].kind == entry_kind::stage);
    CHECK(store->timeline(2).empty());
}

TEST_CASE("store: reports are saved, updated and read back") {
    auto store = open_memory();
    CHECK_FALSE(store->find_report(1));
    report r{.id = store->next_report_id(),
             .reporter = "erin",
             .text = "checkout is slow",
             .channel_id = "C100",
             .reported_at = t0,
             .paged = "bob",
             .incident = std::nullopt};
    decision reported;
    reported.saved_report = r;
    reported.effects.push_back(page_user{.user = "bob",
                                         .rotation = "eoc",
                                         .summary = "report: checkout is slow",
                                         .level = severity::s2,
                                         .dedup_key = "report-1"});
    must_commit(*store, reported, "env-1", t0);

    auto found = store->find_report(1);
    REQUIRE(found);
    CHECK(found->reporter == "erin");
    CHECK(found->text == "checkout is slow");
    CHECK(found->channel_id == "C100");
    CHECK(found->reported_at == t0);
    CHECK(found->paged == "bob");
    CHECK_FALSE(found->incident);
    CHECK(store->next_report_id() == 2);

    // Declared from the report: the incident and the report's link in one decision.
    decision promoted = declare(sample_incident(1, "incident-1"));
    r.incident = 1;
    promoted.saved_report = r;
    must_commit(*store, promoted, "env-2", t0 + minutes(3));
    CHECK(store->find_report(1)->incident == std::optional<incident_id>(1));
    CHECK(store->next_report_id() == 2);
}
