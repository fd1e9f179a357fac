// sqlite_store: the issues siren made in GitLab or Jira.

#include "connection.hpp"
#include "sqlite_store.hpp"
#include "writes.hpp"

namespace siren::store {

void sqlite_store::record_tracker_issue(incident_id incident, int action, std::string_view key,
                                        std::string_view url,
                                        const std::optional<timer>& when_new) {
    transaction step(*db_);
    if (tracker_issue(incident, action))
        return; // the first record stays; the transaction rolls back untouched
    db_->prepare("INSERT INTO tracker_issues (incident_id, action_number, issue_key, url) "
                 "VALUES (?1, ?2, ?3, ?4) ON CONFLICT (incident_id, action_number) DO NOTHING")
        .bind(incident, action, key, url)
        .run();
    if (action != 0)
        db_->prepare("UPDATE actions SET ticket = ?3 WHERE incident_id = ?1 AND number = ?2")
            .bind(incident, action, url.empty() ? key : url)
            .run();
    if (when_new)
        insert_timer(*db_, *when_new);
    step.commit();
}

std::optional<sqlite_store::tracker_record> sqlite_store::tracker_issue(incident_id incident,
                                                                        int action) const {
    auto query = db_->prepare("SELECT issue_key, url FROM tracker_issues "
                              "WHERE incident_id = ?1 AND action_number = ?2");
    if (!query.bind(incident, action).step())
        return std::nullopt;
    return tracker_record{.key = query.text(0), .url = query.text(1)};
}

} // namespace siren::store
