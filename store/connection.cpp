#include "connection.hpp"

#include <sqlite3.h>

namespace siren::store {

namespace {
[[noreturn]] void fail(sqlite3* db, std::string_view doing) {
    throw sqlite_error(std::string(doing) + ": " + sqlite3_errmsg(db));
}
} // namespace

void connection::closer::operator()(sqlite3* db) const {
    sqlite3_close_v2(db);
}

void connection::finalizer::operator()(sqlite3_stmt* stmt) const {
    sqlite3_finalize(stmt);
}

connection::connection(const std::string& path, bool create) {
    sqlite3* db = nullptr;
    int flags = SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0);
    int code = sqlite3_open_v2(path.c_str(), &db, flags, nullptr);
    // SQLite hands out a handle even when opening fails; it carries the message and must be closed.
    db_.reset(db);
    if (db == nullptr)
        throw sqlite_error("out of memory");
    if (code != SQLITE_OK)
        throw sqlite_error(sqlite3_errmsg(db));
}

statement connection::prepare(std::string_view sql) {
    auto found = statements_.find(sql);
    if (found == statements_.end()) {
        sqlite3_stmt* stmt = nullptr;
        int code = sqlite3_prepare_v3(db_.get(), sql.data(), static_cast<int>(sql.size()),
                                      SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
        if (code != SQLITE_OK)
            fail(db_.get(), "cannot prepare \"" + std::string(sql) + "\"");
        found = statements_.emplace(std::string(sql), stmt).first;
    } else if (sqlite3_stmt_busy(found->second.get())) {
        throw std::logic_error("statement already in use: " + std::string(sql));
    }
    return statement(found->second.get());
}

void connection::exec(const std::string& sql) {
    char* message = nullptr;
    int code = sqlite3_exec(db_.get(), sql.c_str(), nullptr, nullptr, &message);
    if (code != SQLITE_OK) {
        std::string what = message != nullptr ? message : sqlite3_errstr(code);
        sqlite3_free(message);
        throw sqlite_error(what);
    }
}

int connection::user_version() {
    auto query = prepare("PRAGMA user_version");
    query.step();
    return static_cast<int>(query.integer(0));
}

transaction::transaction(connection& db)
    : db_(db) {
    db_.exec("BEGIN IMMEDIATE");
}

transaction::~transaction() {
    if (!open_)
        return;
    // Never throws: a failed rollback leaves SQLite to roll back when the connection closes.
    try {
        db_.exec("ROLLBACK");
    } catch (const sqlite_error&) {
    }
}

void transaction::commit() {
    db_.exec("COMMIT");
    open_ = false;
}

} // namespace siren::store
