// sqlite_store: the review of an incident and its follow-up actions as decisions save them.

#include "connection.hpp"
#include "sqlite_store.hpp"
#include "writes.hpp"

namespace siren::store {

void save_review(connection& db, const review& r) {
    std::optional<std::string_view> near_miss;
    if (r.near_miss_level)
        near_miss = to_string(*r.near_miss_level);
    db.prepare(R"sql(
INSERT INTO reviews (incident_id, owner, near_miss_severity, opened_at, provisional_due, full_due,
                     drafted_at, written_at, written_by)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
ON CONFLICT (incident_id) DO UPDATE SET
    owner = excluded.owner, near_miss_severity = excluded.near_miss_severity,
    opened_at = excluded.opened_at, provisional_due = excluded.provisional_due,
    full_due = excluded.full_due, drafted_at = excluded.drafted_at,
    written_at = excluded.written_at, written_by = excluded.written_by
)sql")
        .bind(r.incident, r.owner, near_miss, r.opened_at, r.provisional_due, r.full_due,
              r.drafted_at, r.written_at, r.written_by)
        .run();
}

void save_action(connection& db, const follow_up_action& a) {
    db.prepare(R"sql(
INSERT INTO actions (incident_id, number, text, owner, ticket, done)
VALUES (?1, ?2, ?3, ?4, ?5, ?6)
ON CONFLICT (incident_id, number) DO UPDATE SET
    text = excluded.text, owner = excluded.owner, ticket = excluded.ticket, done = excluded.done
)sql")
        .bind(a.incident, a.number, a.text, a.owner, a.ticket, a.done)
        .run();
}

std::optional<review> sqlite_store::find_review(incident_id incident) const {
    auto query = db_->prepare(R"sql(
SELECT owner, near_miss_severity, opened_at, provisional_due, full_due, drafted_at, written_at,
       written_by
FROM reviews WHERE incident_id = ?1
)sql");
    if (!query.bind(incident).step())
        return std::nullopt;
    return review{.incident = incident,
                  .owner = query.text(0),
                  .near_miss_level =
                      query.is_null(1) ? std::nullopt : parse_severity(query.text(1)),
                  .opened_at = query.optional_time(2),
                  .provisional_due = query.time(3),
                  .full_due = query.time(4),
                  .drafted_at = query.optional_time(5),
                  .written_at = query.optional_time(6),
                  .written_by = query.text(7)};
}

} // namespace siren::store
