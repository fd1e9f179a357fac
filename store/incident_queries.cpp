// sqlite_store's incident_view: incidents, their role holders, timelines and reports.

#include "connection.hpp"
#include "sqlite_store.hpp"

#include <map>
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

// Runs a query selecting incident_columns and returns its incidents with their role holders and
// issue. The holders and issues of all of them are read by one query each, over the same
// selection: a declare reads the newest 50 open incidents, and a query per incident added up.
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
    if (found.empty())
        return found;
    std::map<incident_id, incident*> by_id;
    for (incident& i : found)
        by_id[i.id] = &i;
    const std::string selected = "(SELECT id FROM incidents " + std::string(rest) + ")";
    {
        auto roles = db.prepare("SELECT incident_id, role, user_id FROM role_assignments "
                                "WHERE released_at IS NULL AND incident_id IN " +
                                selected);
        roles.bind(values...);
        while (roles.step())
            by_id.at(roles.integer(0))
                ->roles[parse_stored(parse_role(roles.text(1)), "role", roles.text(1))] =
                roles.text(2);
    }
    auto issues = db.prepare("SELECT incident_id, url, issue_key FROM tracker_issues "
                             "WHERE action_number = 0 AND incident_id IN " +
                             selected);
    issues.bind(values...);
    while (issues.step()) {
        incident& i = *by_id.at(issues.integer(0));
        i.tracker_url = issues.text(1);
        i.tracker_key = issues.text(2);
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
    // Incidents whose channel does not exist yet have an empty id; that must not match. The
    // `<> ''` terms say so to SQLite too, so that it reads the channel indexes.
    if (channel.empty())
        return std::nullopt;
    return first(incidents_where(*db_,
                                 "WHERE (channel_id = ?1 AND channel_id <> '') OR "
                                 "(channel_name = ?1 AND channel_name <> '') "
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
    // The empty name is never taken, and saying so lets SQLite use incidents_by_channel_name.
    auto query =
        db_->prepare("SELECT 1 FROM incidents WHERE channel_name = ?1 AND channel_name <> ''");
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
