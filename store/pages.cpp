// sqlite_store: the pages sent, for escalation and for resolving them with the incident.

#include "connection.hpp"
#include "null_if_zero.hpp"
#include "sqlite_store.hpp"
#include "writes.hpp"

#include <string>

namespace siren::store {

namespace {

page_status read_status(const std::string& text) {
    if (auto status = parse_page_status(text))
        return *status;
    throw sqlite_error("unknown page status '" + text + "' in the database");
}

} // namespace

void sqlite_store::record_page(incident_id incident, const page_user& page,
                               std::string_view provider, time_point sent_at) {
    db_->prepare(R"sql(
INSERT INTO pages (dedup_key, incident_id, user_id, rotation, provider, sent_at, status, summary)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
ON CONFLICT (dedup_key) DO NOTHING
)sql")
        .bind(page.dedup_key, null_if_zero(incident), page.user, page.rotation, provider, sent_at,
              to_string(page_status::triggered), page.summary)
        .run();
}

void apply_page_change(connection& db, const page_change& change, time_point now) {
    if (change.to == page_status::acknowledged)
        db.prepare("UPDATE pages SET status = ?2, acknowledged_at = ?3, acknowledged_by = ?4 "
                   "WHERE dedup_key = ?1 AND acknowledged_at IS NULL AND resolved_at IS NULL")
            .bind(change.dedup_key, to_string(page_status::acknowledged), now, change.by)
            .run();
    else if (change.to == page_status::escalated)
        db.prepare("UPDATE pages SET status = ?2, escalated_at = ?3 "
                   "WHERE dedup_key = ?1 AND status = 'triggered'")
            .bind(change.dedup_key, to_string(page_status::escalated), now)
            .run();
    else
        throw sqlite_error("a decision may only acknowledge or escalate a page, not mark it " +
                           std::string(to_string(change.to)));
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

namespace {

constexpr std::string_view page_columns =
    "SELECT id, dedup_key, incident_id, user_id, rotation, provider, sent_at, acknowledged_at, "
    "acknowledged_by, escalated_at, resolved_at, status, summary FROM pages ";

page_record read_page(statement& query) {
    return {.id = query.integer(0),
            .dedup_key = query.text(1),
            .incident = query.integer(2),
            .user = query.text(3),
            .rotation = query.text(4),
            .provider = query.text(5),
            .sent_at = query.time(6),
            .acknowledged_at = query.optional_time(7),
            .acknowledged_by = query.text(8),
            .escalated_at = query.optional_time(9),
            .resolved_at = query.optional_time(10),
            .status = read_status(query.text(11)),
            .summary = query.text(12)};
}

} // namespace

namespace {

std::vector<page_record> read_pages(statement& query) {
    std::vector<page_record> pages;
    while (query.step())
        pages.push_back(read_page(query));
    return pages;
}

} // namespace

std::vector<page_record> sqlite_store::pages(incident_id incident) const {
    auto query =
        db_->prepare(std::string(page_columns) + "WHERE incident_id = ?1 ORDER BY sent_at, id");
    query.bind(incident);
    return read_pages(query);
}

std::vector<page_record> sqlite_store::pages_sent_since(time_point since) const {
    auto query =
        db_->prepare(std::string(page_columns) + "WHERE sent_at >= ?1 ORDER BY sent_at, id");
    query.bind(since);
    return read_pages(query);
}

std::optional<page_record> sqlite_store::find_page(std::string_view dedup_key) const {
    auto query = db_->prepare(std::string(page_columns) + "WHERE dedup_key = ?1");
    query.bind(dedup_key);
    if (!query.step())
        return std::nullopt;
    return read_page(query);
}

} // namespace siren::store
