#include "store_test_support.hpp"

#include <chrono>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <thread>

#include <doctest/doctest.h>
#include <sqlite3.h>

using namespace siren;
using namespace siren::store;
using namespace siren::store::testing;

namespace {

// Runs SQL through a connection of its own, as another process or the sqlite3 shell would.
void exec_raw(const std::string& path, const char* sql) {
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
    char* message = nullptr;
    int code = sqlite3_exec(db, sql, nullptr, nullptr, &message);
    std::string what = message != nullptr ? message : "";
    sqlite3_free(message);
    sqlite3_close(db);
    REQUIRE_MESSAGE(code == SQLITE_OK, what);
}

std::string contents(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

} // namespace

TEST_CASE("store: an empty database is migrated to the latest schema") {
    auto store = open_memory();
    CHECK(sqlite_store::latest_schema_version() >= 1);
    CHECK(store->schema_version() == sqlite_store::latest_schema_version());
    CHECK(store->next_incident_id() == 1);
    CHECK(store->next_report_id() == 1);
    CHECK(store->open_incidents().empty());
    CHECK(store->pending_effects() == 0);
}

TEST_CASE("store: reopening a database file keeps its data") {
    temp_dir dir;
    const std::string path = dir.file("siren.db");
    {
        auto opened = open_migrated(path);
        auto& store = *opened;
        must_commit(store, declare(sample_incident(1, "incident-1")), "env-1", t0);
        store.set_channel_id(1, "C001");
    }
    SUBCASE("with migrate") {
        auto reopened = open_migrated(path);
        auto& store = *reopened;
        CHECK(store.schema_version() == sqlite_store::latest_schema_version());
        auto found = store.find(1);
        REQUIRE(found);
        CHECK(found->channel_id == "C001");
        CHECK(store.seen_envelope("env-1"));
        CHECK(store.pending_effects() == 3);
    }
    SUBCASE("with require_current") {
        auto reopened = sqlite_store::open(path, open_mode::require_current);
        REQUIRE(reopened.has_value());
        CHECK((*reopened)->find_by_channel("C001"));
    }
}

TEST_CASE("store: a file database runs in WAL mode") {
    temp_dir dir;
    const std::string path = dir.file("siren.db");
    REQUIRE(sqlite_store::open(path, open_mode::migrate));
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
    sqlite3_stmt* stmt = nullptr;
    REQUIRE(sqlite3_prepare_v2(db, "PRAGMA journal_mode", -1, &stmt, nullptr) == SQLITE_OK);
    REQUIRE(sqlite3_step(stmt) == SQLITE_ROW);
    CHECK(std::string(reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0))) == "wal");
    sqlite3_finalize(stmt);
    sqlite3_close(db);
}

TEST_CASE("store: a database from a newer siren is refused and left untouched") {
    temp_dir dir;
    const std::string path = dir.file("siren.db");
    exec_raw(path, "CREATE TABLE from_the_future (x); PRAGMA user_version = 999;");
    const std::string before = contents(path);

    for (open_mode mode : {open_mode::migrate, open_mode::require_current}) {
        auto opened = sqlite_store::open(path, mode);
        REQUIRE_FALSE(opened.has_value());
        CHECK(opened.error() == "database schema version 999 is newer than this siren (" +
                                    std::to_string(sqlite_store::latest_schema_version()) +
                                    "); upgrade siren");
    }
    CHECK(contents(path) == before);
    CHECK_FALSE(std::filesystem::exists(path + "-wal"));
}

TEST_CASE("store: require_current refuses an old schema and a missing file") {
    temp_dir dir;
    const std::string old_path = dir.file("old.db");
    exec_raw(old_path, "CREATE TABLE t (x);");
    auto old = sqlite_store::open(old_path, open_mode::require_current);
    REQUIRE_FALSE(old.has_value());
    CHECK(old.error().find("database schema version 0 is older") != std::string::npos);
    CHECK(old.error().find("siren migrate") != std::string::npos);

    const std::string missing = dir.file("missing.db");
    auto none = sqlite_store::open(missing, open_mode::require_current);
    REQUIRE_FALSE(none.has_value());
    CHECK(none.error() == "unable to open database file");
    CHECK_FALSE(std::filesystem::exists(missing));
}

TEST_CASE("store: a path that cannot be opened is an error value") {
    auto opened = sqlite_store::open("/nonexistent-dir/siren.db", open_mode::migrate);
    REQUIRE_FALSE(opened.has_value());
    CHECK(opened.error() == "unable to open database file");
}

namespace {

// How SQLite would run `sql` on a freshly migrated database (EXPLAIN QUERY PLAN, flattened).
std::string query_plan(const std::string& sql) {
    temp_dir dir;
    const std::string path = dir.file("siren.db");
    REQUIRE(sqlite_store::open(path, open_mode::migrate).has_value());
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
    std::string plan;
    auto collect = [](void* out, int columns, char** values, char**) {
        auto& text = *static_cast<std::string*>(out);
        for (int i = 0; i < columns; ++i)
            text += std::string(values[i] ? values[i] : "") + " ";
        return 0;
    };
    CHECK(sqlite3_exec(db, ("EXPLAIN QUERY PLAN " + sql).c_str(), collect, &plan, nullptr) ==
          SQLITE_OK);
    sqlite3_close(db);
    return plan;
}

} // namespace

TEST_CASE("store: stopping an incident's timers finds them by incident and kind") {
    std::string plan = query_plan("UPDATE timers SET fired = 1 WHERE fired = 0 AND "
                                  "kind = 'escalation' AND incident_id IS 7");
    CHECK(plan.find("USING INDEX timers_unfired_by_incident") != std::string::npos);
}

TEST_CASE("store: the newest open incidents are read from their index, not from every incident") {
    std::string plan = query_plan("SELECT id, title FROM incidents WHERE stage NOT IN "
                                  "('resolved', 'closed') ORDER BY id DESC LIMIT 50");
    CHECK(plan.find("USING INDEX incidents_open") != std::string::npos);
    CHECK(plan.find("TEMP B-TREE") == std::string::npos);
}

TEST_CASE("store: the due effects are read from the lane heads' index, not from every pending "
          "effect") {
    std::string plan = query_plan("SELECT o.id FROM outbox o INDEXED BY outbox_due_heads WHERE "
                                  "o.status = 'pending' AND o.lane_head = 1 AND "
                                  "o.next_attempt_at <= 0 ORDER BY o.id LIMIT 64");
    CHECK(plan.find("SEARCH o USING INDEX outbox_due_heads (next_attempt_at<?)") !=
          std::string::npos);
    plan = query_plan("SELECT min(o.next_attempt_at) FROM outbox o WHERE o.status = 'pending' "
                      "AND o.lane_head = 1 AND o.next_attempt_at > 0");
    CHECK(plan.find("SEARCH o USING INDEX outbox_due_heads (next_attempt_at>?)") !=
          std::string::npos);
}

TEST_CASE("store: upgrading marks the head of each lane that has pending effects") {
    temp_dir dir;
    const std::string path = dir.file("siren.db");
    {
        auto opened = open_migrated(path);
        auto& store = *opened;
        must_commit(store, declare(sample_incident(1, "incident-1")), "env-1", t0);
        must_commit(store, declare(sample_incident(2, "incident-2")), "env-2", t0);
        store.mark_done(store.due_effects(t0, 1).front().id, t0);
    }
    // The outbox as siren before migration 11 left it.
    exec_raw(path, "DROP TRIGGER outbox_head_on_insert; DROP TRIGGER outbox_head_moves_on; "
                   "DROP INDEX outbox_due_heads; ALTER TABLE outbox DROP COLUMN lane_head; "
                   "PRAGMA user_version = 10;");
    auto reopened = open_migrated(path);
    auto& store = *reopened;
    auto due = store.due_effects(t0, 10);
    REQUIRE(due.size() == 2);
    CHECK(due[0].incident == 1);
    CHECK(due[0].id == 2); // behind the effect that was done
    CHECK(due[1].incident == 2);
    store.mark_done(due[0].id, t0);
    CHECK(store.due_effects(t0, 10).front().id == 3);
}

TEST_CASE("store: an incident is found by its channel from the channel indexes") {
    std::string plan = query_plan("SELECT id FROM incidents WHERE (channel_id = 'C1' AND "
                                  "channel_id <> '') OR (channel_name = 'C1' AND channel_name "
                                  "<> '') ORDER BY channel_id = 'C1' DESC, id DESC LIMIT 1");
    CHECK(plan.find("USING INDEX incidents_by_channel_id") != std::string::npos);
    CHECK(plan.find("USING INDEX incidents_by_channel_name") != std::string::npos);
    plan = query_plan("SELECT 1 FROM incidents WHERE channel_name = 'x' AND channel_name <> ''");
    CHECK(plan.find("incidents_by_channel_name") != std::string::npos);
}

namespace {

// The incidents the database file itself holds, without its write-ahead log: what has been
// checkpointed. -1 while the file has no incidents table yet.
int checkpointed_incidents(const std::string& path) {
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open_v2(("file:" + path + "?immutable=1").c_str(), &db,
                            SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, nullptr) == SQLITE_OK);
    sqlite3_stmt* count = nullptr;
    int found = -1;
    if (sqlite3_prepare_v2(db, "SELECT count(*) FROM incidents", -1, &count, nullptr) ==
            SQLITE_OK &&
        sqlite3_step(count) == SQLITE_ROW)
        found = sqlite3_column_int(count, 0);
    sqlite3_finalize(count);
    sqlite3_close(db);
    return found;
}

} // namespace

TEST_CASE("store: in the background, the write-ahead log is copied into the database file") {
    temp_dir dir;
    const std::string path = dir.file("siren.db");
    auto opened = open_migrated(path);
    auto& store = *opened;
    store.checkpoint_in_background(std::chrono::milliseconds(10));
    for (incident_id id = 1; id <= 20; ++id)
        must_commit(store, declare(sample_incident(id, "incident-" + std::to_string(id))),
                    "env-" + std::to_string(id), t0);
    // Far fewer pages than SQLite's own checkpoint waits for (1,000): only the thread copies.
    int copied = checkpointed_incidents(path);
    for (int tries = 0; copied != 20 && tries < 500; ++tries) {
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
        copied = checkpointed_incidents(path);
    }
    CHECK(copied == 20);
    CHECK(store.find(20)); // and the store goes on as before
    opened.reset();        // a clean stop copies the rest and removes the log
    CHECK(checkpointed_incidents(path) == 20);
    CHECK_FALSE(std::filesystem::exists(path + "-wal"));
}
