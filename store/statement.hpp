#pragma once
// A prepared statement lent by a connection for one use: bind, step, read the columns. Internal to
// the store; sqlite3.h stays in the .cpp files.

#include "core/time.hpp"

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

struct sqlite3_stmt;

namespace siren::store {

// An SQLite failure. Thrown inside the store; open() and commit() turn it into an error value,
// the other members let it through (a reader of incident_view has no other way to fail).
class sqlite_error : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

class statement {
public:
    explicit statement(sqlite3_stmt* stmt)
        : stmt_(stmt) {}
    statement(const statement&) = delete;
    statement& operator=(const statement&) = delete;
    // Resets and unbinds, which also ends the read the statement may hold open, so the cached
    // statement is ready for its next user.
    ~statement();

    // Binds the parameters ?1, ?2, ... in order. Times bind as unix seconds, nullopt as NULL.
    template <class... Values>
    statement& bind(const Values&... values) {
        int index = 0;
        (bind_one(++index, values), ...);
        return *this;
    }

    bool step(); // true while a row is ready
    void run();  // for a statement that returns no rows

    std::int64_t integer(int column) const;
    std::string text(int column) const;
    time_point time(int column) const;
    bool is_null(int column) const;
    std::optional<time_point> optional_time(int column) const;

private:
    void bind_one(int index, std::int64_t value);
    void bind_one(int index, std::string_view value);
    void bind_one(int index, time_point value);
    void bind_one(int index, std::nullopt_t);
    template <class T>
    void bind_one(int index, const std::optional<T>& value) {
        if (value)
            bind_one(index, *value);
        else
            bind_one(index, std::nullopt);
    }

    sqlite3_stmt* stmt_;
};

} // namespace siren::store
