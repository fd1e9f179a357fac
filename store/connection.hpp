#pragma once
// One SQLite connection with its cache of prepared statements. Internal to the store.

#include "statement.hpp"

#include <map>
#include <memory>
#include <string>
#include <string_view>

struct sqlite3;

namespace siren::store {

class connection {
public:
    // Throws sqlite_error when the file cannot be opened (or, without `create`, does not exist).
    connection(const std::string& path, bool create);

    // The statement for `sql`, prepared on first use and kept. One use at a time per text: the
    // returned statement must be gone before the same text is asked for again.
    statement prepare(std::string_view sql);
    // Runs a script of one or more statements without parameters (migrations, pragmas).
    void exec(const std::string& sql);

    int user_version();

private:
    struct closer {
        void operator()(sqlite3* db) const;
    };
    struct finalizer {
        void operator()(sqlite3_stmt* stmt) const;
    };

    // Declared first so it is destroyed last, after the statements that belong to it.
    std::unique_ptr<sqlite3, closer> db_;
    std::map<std::string, std::unique_ptr<sqlite3_stmt, finalizer>, std::less<>> statements_;
};

// BEGIN IMMEDIATE: takes the write lock up front, so a transaction never fails half-way for
// want of it (busy_timeout waits for it instead). Rolls back unless committed.
class transaction {
public:
    explicit transaction(connection& db);
    transaction(const transaction&) = delete;
    transaction& operator=(const transaction&) = delete;
    ~transaction();

    void commit();

private:
    connection& db_;
    bool open_ = true;
};

} // namespace siren::store
