// sqlite_store: durable timers, so a restart keeps every promise of a reminder or escalation.

#include "connection.hpp"
#include "null_if_zero.hpp"
#include "sqlite_store.hpp"

namespace siren::store {

std::int64_t sqlite_store::add_timer(std::string_view kind, incident_id incident, time_point due_at,
                                     std::string_view payload) {
    auto insert = db_->prepare("INSERT INTO timers (kind, incident_id, due_at, payload, fired) "
                               "VALUES (?1, ?2, ?3, ?4, 0) RETURNING id");
    insert.bind(kind, null_if_zero(incident), due_at, payload).step();
    return insert.integer(0);
}

std::vector<timer_row> sqlite_store::due_timers(time_point now) const {
    auto query = db_->prepare("SELECT id, kind, incident_id, due_at, payload FROM timers "
                              "WHERE fired = 0 AND due_at <= ?1 ORDER BY due_at, id");
    query.bind(now);
    std::vector<timer_row> due;
    while (query.step())
        due.push_back({.id = query.integer(0),
                       .kind = query.text(1),
                       .incident = query.integer(2),
                       .due_at = query.time(3),
                       .payload = query.text(4)});
    return due;
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
