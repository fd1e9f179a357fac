#include "sqlite_store.hpp"

#include "connection.hpp"
#include "migrations.hpp"
#include "wal_checkpointer.hpp"

namespace siren::store {

namespace {

std::string version_message(int found, const char* relation, const char* advice) {
    return "database schema version " + std::to_string(found) + " is " + relation +
           " than this siren (" + std::to_string(latest_migration()) + "); " + advice;
}

// Everything but the version check, which must come first: switching to WAL rewrites the file
// header, and a database from a newer siren is not to be touched at all.
void configure(connection& db, const std::string& path) {
    db.exec("PRAGMA busy_timeout = 5000");
    db.exec("PRAGMA foreign_keys = ON");
    if (path == ":memory:")
        return;
    auto mode = db.prepare("PRAGMA journal_mode = WAL");
    mode.step();
    if (mode.text(0) != "wal")
        throw sqlite_error("cannot switch to WAL mode (journal mode is " + mode.text(0) + ")");
    // With WAL, NORMAL loses at most the last commits on power loss, never consistency.
    db.exec("PRAGMA synchronous = NORMAL");
}

} // namespace

outcome<std::unique_ptr<sqlite_store>> sqlite_store::open(const std::string& path, open_mode mode) {
    try {
        auto db = std::make_unique<connection>(path, mode == open_mode::migrate);
        int version = db->user_version();
        if (version > latest_migration())
            return outcome<std::unique_ptr<sqlite_store>>(
                boost::system::in_place_error, version_message(version, "newer", "upgrade siren"));
        if (mode == open_mode::require_current && version < latest_migration())
            return outcome<std::unique_ptr<sqlite_store>>(
                boost::system::in_place_error,
                version_message(version, "older", "run `siren migrate` first"));
        configure(*db, path);
        migrate(*db);
        return std::unique_ptr<sqlite_store>(new sqlite_store(std::move(db), path));
    } catch (const sqlite_error& e) {
        return outcome<std::unique_ptr<sqlite_store>>(boost::system::in_place_error, e.what());
    }
}

sqlite_store::sqlite_store(std::unique_ptr<connection> db, std::string path)
    : db_(std::move(db))
    , path_(std::move(path)) {}

sqlite_store::~sqlite_store() = default;

void sqlite_store::checkpoint_in_background(std::chrono::milliseconds every) {
    if (path_ == ":memory:" || checkpointer_)
        return;
    checkpointer_ = std::make_unique<wal_checkpointer>(path_, every);
    db_->exec("PRAGMA wal_autocheckpoint = 0");
}

int sqlite_store::schema_version() const {
    return db_->user_version();
}

int sqlite_store::latest_schema_version() {
    return latest_migration();
}

bool sqlite_store::seen_envelope(std::string_view envelope_id) const {
    auto query = db_->prepare("SELECT 1 FROM inbox WHERE envelope_id = ?1");
    return query.bind(envelope_id).step();
}

} // namespace siren::store
