// sqlite_store: durable timers, so a restart keeps every promise of a reminder or escalation.

#include "connection.hpp"
#include "null_if_zero.hpp"
#include "sqlite_store.hpp"
#include "writes.hpp"

namespace siren::store {

namespace {

constexpr std::string_view timer_columns = "SELECT id, kind, incident_id, due_at, payload FROM "
                                           "timers WHERE fired = 0 ";

std::vector<timer> read_timers(statement& query) {
    std::vector<timer> found;
    while (query.step())
        found.push_back({.id = query.integer(0),
                         .kind = query.text(1),
                         .incident = query.integer(2),
                         .due_at = query.time(3),
                         .payload = query.text(4)});
    return found;
}

} // namespace

std::int64_t insert_timer(connection& db, const timer& t) {
    auto insert = db.prepare("INSERT INTO timers (kind, incident_id, due_at, payload, fired) "
                             "VALUES (?1, ?2, ?3, ?4, 0) RETURNING id");
    insert.bind(t.kind, null_if_zero(t.incident), t.due_at, t.payload).step();
    return insert.integer(0);
}

void stop_timers(connection& db, const timer_cancel& which) {
    db.prepare("UPDATE timers SET fired = 1 WHERE fired = 0 AND kind = ?1 AND incident_id IS ?2")
        .bind(which.kind, null_if_zero(which.incident))
        .run();
}

std::int64_t sqlite_store::add_timer(const timer& t) {
    return insert_timer(*db_, t);
}

std::vector<timer> sqlite_store::due_timers(time_point now) const {
    auto query = db_->prepare(std::string(timer_columns) + "AND due_at <= ?1 ORDER BY due_at, id");
    query.bind(now);
    return read_timers(query);
}

std::vector<timer> sqlite_store::pending_timers(incident_id incident) const {
    auto query =
        db_->prepare(std::string(timer_columns) + "AND incident_id = ?1 ORDER BY due_at, id");
    query.bind(incident);
    return read_timers(query);
}

std::vector<timer> sqlite_store::pending_timers_of_kind(std::string_view kind) const {
    auto query = db_->prepare(std::string(timer_columns) + "AND kind = ?1 ORDER BY due_at, id");
    query.bind(kind);
    return read_timers(query);
}

void sqlite_store::mark_timer_fired(std::int64_t id) {
    db_->prepare("UPDATE timers SET fired = 1 WHERE id = ?1").bind(id).run();
}

std::optional<time_point> sqlite_store::next_timer_due() const {
    auto query = db_->prepare("SELECT min(due_at) FROM timers WHERE fired = 0");
    query.step();
    return query.optional_time(0);
}

} // namespace siren::store
