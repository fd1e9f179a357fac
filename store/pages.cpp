// sqlite_store: the pages sent, for escalation and for resolving them with the incident.

#include "connection.hpp"
#include "null_if_zero.hpp"
#include "sqlite_store.hpp"

#include <string>

namespace siren::store {

namespace {

constexpr std::string_view status_names[] = {"triggered", "acknowledged", "escalated", "resolved"};

std::string_view to_string(page_status s) {
    return status_names[static_cast<int>(s)];
}

page_status parse_page_status(const std::string& text) {
    for (std::size_t s = 0; s < std::size(status_names); ++s)
        if (status_names[s] == text)
            return static_cast<page_status>(s);
    throw sqlite_error("unknown page status '" + text + "' in the database");
}

} // namespace

void sqlite_store::record_page(incident_id incident, const page_user& page,
                               std::string_view provider, time_point sent_at) {
    db_->prepare(R"sql(
INSERT INTO pages (dedup_key, incident_id, user_id, rotation, provider, sent_at, status)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
ON CONFLICT (dedup_key) DO NOTHING
)sql")
        .bind(page.dedup_key, null_if_zero(incident), page.user, page.rotation, provider, sent_at,
              to_string(page_status::triggered))
        .run();
}

void sqlite_store::resolve_page(std::string_view dedup_key, time_point at) {
    db_->prepare("UPDATE pages SET status = ?3, resolved_at = ?2 "
                 "WHERE dedup_key = ?1 AND resolved_at IS NULL")
        .bind(dedup_key, at, to_string(page_status::resolved))
        .run();
}

void sqlite_store::resolve_pages(incident_id incident, time_point at) {
    db_->prepare("UPDATE pages SET status = ?3, resolved_at = ?2 "
                 "WHERE incident_id = ?1 AND resolved_at IS NULL")
        .bind(incident, at, to_string(page_status::resolved))
        .run();
}

std::vector<page_row> sqlite_store::pages_of(incident_id incident) const {
    auto query = db_->prepare(R"sql(
SELECT id, dedup_key, user_id, rotation, provider, sent_at, acknowledged_at, acknowledged_by,
       escalated_at, resolved_at, status
FROM pages WHERE incident_id = ?1 ORDER BY sent_at, id
)sql");
    query.bind(incident);
    std::vector<page_row> pages;
    while (query.step())
        pages.push_back({.id = query.integer(0),
                         .dedup_key = query.text(1),
                         .incident = incident,
                         .user = query.text(2),
                         .rotation = query.text(3),
                         .provider = query.text(4),
                         .sent_at = query.time(5),
                         .acknowledged_at = query.optional_time(6),
                         .acknowledged_by = query.text(7),
                         .escalated_at = query.optional_time(8),
                         .resolved_at = query.optional_time(9),
                         .status = parse_page_status(query.text(10))});
    return pages;
}

} // namespace siren::store
