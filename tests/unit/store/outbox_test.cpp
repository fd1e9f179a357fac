#include "store_test_support.hpp"

#include <doctest/doctest.h>
#include <sqlite3.h>

using namespace siren;
using namespace siren::store;
using namespace siren::store::testing;

namespace {

std::vector<std::string> keys(const std::vector<outbox_item>& items) {
    std::vector<std::string> found;
    for (const outbox_item& item : items)
        found.push_back(item.idempotency_key);
    return found;
}

} // namespace

TEST_CASE("store: outbox lanes run in order, and one lane does not hold back another") {
    auto store = open_memory();
    must_commit(*store, declare(sample_incident(1, "incident-1")), "a", t0);
    must_commit(*store, declare(sample_incident(2, "incident-2")), "b", t0 + seconds(1));

    CHECK(store->due_effects(t0 - seconds(1), 10).empty());
    CHECK(keys(store->due_effects(t0, 10)) == std::vector<std::string>{"a/0"});
    auto due = store->due_effects(t0 + seconds(1), 10);
    CHECK(keys(due) == std::vector<std::string>{"a/0", "b/0"});
    CHECK(keys(store->due_effects(t0 + seconds(1), 1)) == std::vector<std::string>{"a/0"});

    store->mark_done(due[0].id, t0 + seconds(1));
    CHECK(keys(store->due_effects(t0 + seconds(1), 10)) == std::vector<std::string>{"a/1", "b/0"});
    CHECK(store->pending_effects() == 5);
}

TEST_CASE("store: the heads already running are left out, and the limit counts the others") {
    auto store = open_memory();
    must_commit(*store, declare(sample_incident(1, "incident-1")), "a", t0);
    must_commit(*store, declare(sample_incident(2, "incident-2")), "b", t0);
    must_commit(*store, declare(sample_incident(3, "incident-3")), "c", t0);
    std::set<std::int64_t> running{store->due_effects(t0, 1).front().id};
    CHECK(keys(store->due_effects(t0, 1, running)) == std::vector<std::string>{"b/0"});
    CHECK(keys(store->due_effects(t0, 10, running)) == std::vector<std::string>{"b/0", "c/0"});
}

TEST_CASE("store: a retried effect waits for its next attempt and holds its lane") {
    auto store = open_memory();
    must_commit(*store, declare(sample_incident(1, "incident-1")), "a", t0);
    must_commit(*store, declare(sample_incident(2, "incident-2")), "b", t0);
    CHECK(store->next_effect_due_after(t0 - seconds(1)) == t0);
    CHECK_FALSE(store->next_effect_due_after(t0)); // both heads are due already

    auto first = store->due_effects(t0, 10);
    REQUIRE(first.size() == 2);
    store->mark_retry(first[0].id, t0 + seconds(30), "slack: ratelimited", false);

    auto later = store->due_effects(t0 + seconds(10), 10);
    CHECK(keys(later) == std::vector<std::string>{"b/0"});
    store->mark_done(later[0].id, t0 + seconds(10));
    store->mark_retry(store->due_effects(t0 + seconds(10), 10)[0].id, t0 + minutes(5), "timeout",
                      false);

    // The lane head decides: a/1 is enqueued at t0 but waits behind a/0.
    CHECK(store->next_effect_due_after(t0 + seconds(10)) == t0 + seconds(30));

    auto retried = store->due_effects(t0 + seconds(30), 10);
    REQUIRE(retried.size() == 1);
    CHECK(retried[0].idempotency_key == "a/0");
    CHECK(retried[0].attempts == 1);
    REQUIRE(std::holds_alternative<create_channel>(retried[0].action));

    store->mark_done(retried[0].id, t0 + seconds(31));
    CHECK(keys(store->due_effects(t0 + seconds(31), 10)) == std::vector<std::string>{"a/1"});
}

TEST_CASE("store: a failed effect no longer blocks its lane") {
    auto store = open_memory();
    must_commit(*store, declare(sample_incident(1, "incident-1")), "a", t0);
    auto head = store->due_effects(t0, 10);
    REQUIRE(head.size() == 1);
    store->mark_failed(head[0].id, "slack: name_taken", t0);
    CHECK(store->pending_effects() == 2);
    CHECK(keys(store->due_effects(t0, 10)) == std::vector<std::string>{"a/1"});
}

TEST_CASE("store: nothing pending, nothing due") {
    auto store = open_memory();
    CHECK_FALSE(store->next_effect_due_after(t0 - seconds(1)));
    must_commit(*store, declare(sample_incident(1, "incident-1")), "a", t0);
    for (int i = 0; i < 3; ++i)
        for (const outbox_item& item : store->due_effects(t0, 10))
            store->mark_done(item.id, t0);
    CHECK(store->pending_effects() == 0);
    CHECK_FALSE(store->next_effect_due_after(t0 - seconds(1)));
}

TEST_CASE("store: an outbox row that no longer decodes is failed, not returned") {
    temp_dir dir;
    const std::string path = dir.file("siren.db");
    auto opened = sqlite_store::open(path, open_mode::migrate);
    REQUIRE(opened.has_value());
    auto& store = **opened;
    must_commit(store, declare(sample_incident(1, "incident-1")), "a", t0);

    // Damage the head of the lane behind the store's back.
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
    CHECK(sqlite3_exec(db, "UPDATE outbox SET body = '{\"kind\":\"teleport\"}' WHERE id = 1",
                       nullptr, nullptr, nullptr) == SQLITE_OK);
    sqlite3_close(db);

    auto due = store.due_effects(t0, 10);
    CHECK(keys(due) == std::vector<std::string>{"a/1"});
    CHECK(store.pending_effects() == 2);
}

TEST_CASE("store: an effect is unsure from its attempt's start until its outcome is known") {
    auto store = open_memory();
    must_commit(*store, declare(sample_incident(1, "incident-1")), "a", t0);
    auto head = store->due_effects(t0, 1);
    REQUIRE(head.size() == 1);
    CHECK_FALSE(head[0].unsure);

    store->mark_started(head[0].id); // a crash here leaves it unsure
    CHECK(store->due_effects(t0, 1)[0].unsure);

    store->mark_retry(head[0].id, t0, "ratelimited", false); // known not to have happened
    CHECK_FALSE(store->due_effects(t0, 1)[0].unsure);

    store->mark_started(head[0].id);
    store->mark_retry(head[0].id, t0, "connection reset", true);
    auto again = store->due_effects(t0, 1);
    CHECK(again[0].unsure);
    CHECK(again[0].attempts == 2);

    store->mark_done(head[0].id, t0);
    CHECK(store->due_effects(t0, 1)[0].id != head[0].id);
}

TEST_CASE("store: the pages' lanes can be asked for alone") {
    auto store = open_memory();
    must_commit(*store, declare(sample_incident(1, "incident-1")), "a", t0);
    decision paging;
    paging.saved = store->find(1);
    paging.effects = {
        page_user{.user = "U1", .rotation = "eoc", .summary = "x", .dedup_key = "siren-1-eoc"}};
    must_commit(*store, paging, "p", t0);
    CHECK(keys(store->due_pages(t0, 10)) == std::vector<std::string>{"p/0"});
    CHECK(keys(store->due_effects(t0, 10)) == std::vector<std::string>{"a/0", "p/0"});
    CHECK(store->due_pages(t0 - seconds(1), 10).empty());
}

TEST_CASE("store: effects the runner adds go to the end of the incident's lane") {
    auto store = open_memory();
    must_commit(*store, declare(sample_incident(1, "incident-1")), "a", t0);
    std::vector<effect> notice{post_message{.channel = "incident-1", .text = "tracker down"}};
    store->enqueue_effects(1, notice, t0);
    std::vector<std::string> order;
    for (int step = 0; step < 4; ++step)
        for (const outbox_item& item : store->due_effects(t0, 10)) {
            order.push_back(std::string(kind_of(item.action)));
            store->mark_done(item.id, t0);
        }
    REQUIRE_FALSE(order.empty());
    CHECK(order.front() == "create_channel");
    CHECK(order.back() == "post_message");
    CHECK(store->pending_effects() == 0);
}
