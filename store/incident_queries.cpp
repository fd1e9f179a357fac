// sqlite_store's incident_view: incidents, their role holders, timelines and reports.

#include "connection.hpp"
#include "sqlite_store.hpp"

#include <string>

namespace siren::store {

namespace {

// A stored name that no longer parses means the file was edited by hand or by a siren that knows
// more names; either way nothing sensible can be read.
template <class Enum>
Enum parse_stored(std::optional<Enum> parsed, std::string_view what, const std::string& text) {
    if (!parsed)
        throw sqlite_error("unknown " + std::string(what) + " '" + text + "' in the database");
    return *parsed;
}

constexpr std::string_view incident_columns =
    "id, title, severity, stage, status, service, security, near_miss, channel_name, channel_id, "
    "declared_by, declared_at, updated_at, resolved_at, summary";

incident read_incident(const statement& row) {
    incident i;
    i.id = row.integer(0);
    i.title = row.text(1);
    i.level = parse_stored(parse_severity(row.text(2)), "severity", row.text(2));
    i.current = parse_stored(parse_stage(row.text(3)), "stage", row.text(3));
    i.status = parse_stored(parse_public_status(row.text(4)), "status", row.text(4));
    i.service = row.text(5);
    i.security = row.integer(6) != 0;
    i.near_miss = row.integer(7) != 0;
    i.channel_name = row.text(8);
    i.channel_id = row.text(9);
    i.declared_by = row.text(10);
    i.declared_at = row.time(11);
    i.updated_at = row.time(12);
    i.resolved_at = row.optional_time(13);
    i.summary = row.text(14);
    return i;
}

void load_roles(connection& db, incident& i) {
    auto query = db.prepare("SELECT role, user_id FROM role_assignments WHERE incident_id = ?1 AND "
                            "released_at IS NULL");
    query.bind(i.id);
    while (query.step())
        i.roles[parse_stored(parse_role(query.text(0)), "role", query.text(0))] = query.text(1);
}

void load_tracker_issue(connection& db, incident& i) {
    auto query = db.prepare(
        "SELECT url, issue_key FROM tracker_issues WHERE incident_id = ?1 AND action_number = 0");
    if (query.bind(i.id).step()) {
        i.tracker_url = query.text(0);
        i.tracker_key = query.text(1);
    }
}

// Runs a query selecting incident_columns and returns its incidents with their role holders.
template <class... Values>
std::vector<incident> incidents_where(connection& db, std::string_view rest,
                                      const Values&... values) {
    std::vector<incident> found;
    {
        auto query = db.prepare("SELECT " + std::string(incident_columns) + " FROM incidents " +
                                std::string(rest));
        query.bind(values...);
        while (query.step())
            found.push_back(read_incident(query));
    }
    for (incident& i : found) {
        load_roles(db, i);
        load_tracker_issue(db, i);
    }
    return found;
}

std::optional<incident> first(std::vector<incident> found) {
    if (found.empty())
        return std::nullopt;
    return std::move(found.front());
}

} // namespace

std::optional<incident> sqlite_store::find(incident_id id) const {
    return first(incidents_where(*db_, "WHERE id = ?1", id));
}

std::optional<incident> sqlite_store::find_by_channel(std::string_view channel) const {
    // Incidents whose channel does not exist yet have an empty id; that must not match.
    if (channel.empty())
        return std::nullopt;
    return first(incidents_where(*db_,
                                 "WHERE channel_id = ?1 OR channel_name = ?1 "
                                 "ORDER BY channel_id = ?1 DESC, id DESC LIMIT 1",
                                 channel));
}

std::vector<incident> sqlite_store::open_incidents() const {
    return incidents_where(*db_, "WHERE stage NOT IN (?1, ?2) ORDER BY declared_at DESC, id DESC",
                           to_string(stage::resolved), to_string(stage::closed));
}

std::vector<incident> sqlite_store::newest_open_incidents(std::size_t limit) const {
    // The condition is spelled as in the index incidents_open (migration 9), so that SQLite
    // reads the newest open incidents from it instead of every incident.
    return incidents_where(*db_,
                           "WHERE stage NOT IN ('resolved', 'closed') ORDER BY id DESC LIMIT ?1",
                           static_cast<std::int64_t>(limit));
}

std::vector<incident> sqlite_store::resolved_since(time_point since) const {
    return incidents_where(*db_, "WHERE resolved_at >= ?1 ORDER BY resolved_at DESC, id DESC",
                           since);
}

std::vector<timeline_entry> sqlite_store::timeline(incident_id id) const {
    auto query = db_->prepare("SELECT at, actor, kind, text, source FROM timeline_entries "
                              "WHERE incident_id = ?1 ORDER BY at, id");
    query.bind(id);
    std::vector<timeline_entry> entries;
    while (query.step())
        entries.push_back(
            {.incident = id,
             .at = query.time(0),
             .actor = query.text(1),
             .kind = parse_stored(parse_entry_kind(query.text(2)), "timeline kind", query.text(2)),
             .text = query.text(3),
             .source = query.text(4)});
    return entries;
}

bool sqlite_store::channel_name_taken(std::string_view name) const {
    auto query = db_->prepare("SELECT 1 FROM incidents WHERE channel_name = ?1");
    return query.bind(name).step();
}

incident_id sqlite_store::next_incident_id() const {
    auto query = db_->prepare("SELECT coalesce(max(id), 0) + 1 FROM incidents");
    query.step();
    return query.integer(0);
}

std::optional<report> sqlite_store::find_report(report_id id) const {
    auto query = db_->prepare("SELECT reporter, text, channel_id, reported_at, paged, incident_id "
                              "FROM reports WHERE id = ?1");
    if (!query.bind(id).step())
        return std::nullopt;
    report r{.id = id,
             .reporter = query.text(0),
             .text = query.text(1),
             .channel_id = query.text(2),
             .reported_at = query.time(3),
             .paged = query.text(4),
             .incident = std::nullopt};
    if (!query.is_null(5))
        r.incident = query.integer(5);
    return r;
}

report_id sqlite_store::next_report_id() const {
    auto query = db_->prepare("SELECT coalesce(max(id), 0) + 1 FROM reports");
    query.step();
    return query.integer(0);
}

} // namespace siren::store
