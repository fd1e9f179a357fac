#include "statement.hpp"

#include <sqlite3.h>

namespace siren::store {

namespace {
[[noreturn]] void fail(sqlite3_stmt* stmt) {
    throw sqlite_error(sqlite3_errmsg(sqlite3_db_handle(stmt)));
}

void check(sqlite3_stmt* stmt, int code) {
    if (code != SQLITE_OK)
        fail(stmt);
}
} // namespace

statement::~statement() {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
}

bool statement::step() {
    int code = sqlite3_step(stmt_);
    if (code == SQLITE_ROW)
        return true;
    if (code == SQLITE_DONE)
        return false;
    fail(stmt_);
}

void statement::run() {
    if (step())
        throw sqlite_error(std::string("statement returned a row: ") + sqlite3_sql(stmt_));
}

std::int64_t statement::integer(int column) const {
    return sqlite3_column_int64(stmt_, column);
}

std::string statement::text(int column) const {
    // Both calls are needed in this order: the length is only valid after the text conversion.
    const unsigned char* bytes = sqlite3_column_text(stmt_, column);
    int size = sqlite3_column_bytes(stmt_, column);
    if (bytes == nullptr)
        return {};
    return std::string(reinterpret_cast<const char*>(bytes), static_cast<std::size_t>(size));
}

time_point statement::time(int column) const {
    return time_point(seconds(integer(column)));
}

bool statement::is_null(int column) const {
    return sqlite3_column_type(stmt_, column) == SQLITE_NULL;
}

std::optional<time_point> statement::optional_time(int column) const {
    if (is_null(column))
        return std::nullopt;
    return time(column);
}

void statement::bind_one(int index, std::int64_t value) {
    check(stmt_, sqlite3_bind_int64(stmt_, index, value));
}

void statement::bind_one(int index, std::string_view value) {
    // An empty view may have no buffer at all, which SQLite would bind as NULL; and the caller's
    // buffer may not outlive the statement's use, hence SQLITE_TRANSIENT (a copy).
    const char* bytes = value.data() != nullptr ? value.data() : "";
    check(stmt_,
          sqlite3_bind_text64(stmt_, index, bytes, value.size(), SQLITE_TRANSIENT, SQLITE_UTF8));
}

void statement::bind_one(int index, time_point value) {
    bind_one(index, static_cast<std::int64_t>(value.time_since_epoch().count()));
}

void statement::bind_one(int index, std::nullopt_t) {
    check(stmt_, sqlite3_bind_null(stmt_, index));
}

} // namespace siren::store
