// sqlite_store: alerts from Alertmanager, one row per alert instance (fingerprint and start).

#include "connection.hpp"
#include "null_if_zero.hpp"
#include "sqlite_store.hpp"
#include "writes.hpp"

#include <string>

namespace siren::store {

void save_alert(connection& db, const alert_record& a) {
    // A later delivery changes what happened since (status, end, incident, page), never when
    // siren first saw the alert; an incident or page once known is not forgotten.
    db.prepare(R"sql(
INSERT INTO alerts (fingerprint, starts_at, status, group_key, name, labels, summary, incident_id,
                    page_key, ends_at, first_seen, last_seen)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)
ON CONFLICT (fingerprint, starts_at) DO UPDATE SET
    status = excluded.status, ends_at = excluded.ends_at,
    incident_id = coalesce(excluded.incident_id, incident_id),
    page_key = CASE WHEN excluded.page_key = '' THEN page_key ELSE excluded.page_key END,
    last_seen = excluded.last_seen
)sql")
        .bind(a.fingerprint, a.starts_at, to_string(a.status), a.group_key, a.name, a.labels,
              a.summary, null_if_zero(a.incident), a.page, a.ends_at, a.first_seen, a.last_seen)
        .run();
}

std::optional<alert_record> sqlite_store::find_alert(std::string_view fingerprint,
                                                     time_point starts_at) const {
    auto query = db_->prepare(R"sql(
SELECT fingerprint, starts_at, status, group_key, name, labels, summary, incident_id, page_key,
       ends_at, first_seen, last_seen
FROM alerts WHERE fingerprint = ?1 AND starts_at = ?2
)sql");
    query.bind(fingerprint, starts_at);
    if (!query.step())
        return std::nullopt;
    auto status = parse_alert_status(query.text(2));
    if (!status)
        throw sqlite_error("unknown alert status '" + query.text(2) + "' in the database");
    return alert_record{.fingerprint = query.text(0),
                        .starts_at = query.time(1),
                        .status = *status,
                        .group_key = query.text(3),
                        .name = query.text(4),
                        .labels = query.text(5),
                        .summary = query.text(6),
                        .incident = query.integer(7),
                        .page = query.text(8),
                        .ends_at = query.optional_time(9),
                        .first_seen = query.time(10),
                        .last_seen = query.time(11)};
}

incident_id sqlite_store::incident_of_group(std::string_view group_key) const {
    auto query = db_->prepare("SELECT incident_id FROM alerts "
                              "WHERE group_key = ?1 AND incident_id IS NOT NULL "
                              "ORDER BY last_seen DESC, id DESC LIMIT 1");
    query.bind(group_key);
    return query.step() ? query.integer(0) : 0;
}

} // namespace siren::store
