// sqlite_store: the issues siren made in GitLab or Jira.

#include "connection.hpp"
#include "sqlite_store.hpp"

namespace siren::store {

void sqlite_store::record_tracker_issue(incident_id incident, int action, std::string_view key,
                                        std::string_view url) {
    transaction step(*db_);
    db_->prepare("INSERT INTO tracker_issues (incident_id, action_number, issue_key, url) "
                 "VALUES (?1, ?2, ?3, ?4) ON CONFLICT (incident_id, action_number) DO NOTHING")
        .bind(incident, action, key, url)
        .run();
    if (action != 0)
        db_->prepare("UPDATE actions SET ticket = ?3 WHERE incident_id = ?1 AND number = ?2")
            .bind(incident, action, url.empty() ? key : url)
            .run();
    step.commit();
}

std::optional<sqlite_store::tracker_record> sqlite_store::tracker_issue(incident_id incident,
                                                                        int action) const {
    auto query = db_->prepare("SELECT issue_key, url, bookmarked FROM tracker_issues "
                              "WHERE incident_id = ?1 AND action_number = ?2");
    if (!query.bind(incident, action).step())
        return std::nullopt;
    return tracker_record{
        .key = query.text(0), .url = query.text(1), .bookmarked = query.integer(2) != 0};
}

void sqlite_store::mark_tracker_bookmarked(incident_id incident, int action) {
    db_->prepare("UPDATE tracker_issues SET bookmarked = 1 WHERE incident_id = ?1 AND "
                 "action_number = ?2")
        .bind(incident, action)
        .run();
}

} // namespace siren::store
