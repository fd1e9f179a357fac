// sqlite_store: the corrective actions of a review.

#include "connection.hpp"
#include "sqlite_store.hpp"

namespace siren::store {

int sqlite_store::add_action(const follow_up_action& a) {
    // One statement, so the number is taken and used under the same write lock.
    auto insert = db_->prepare(R"sql(
INSERT INTO actions (incident_id, number, text, owner, ticket, done)
SELECT ?1, coalesce(max(number), 0) + 1, ?2, ?3, ?4, ?5 FROM actions WHERE incident_id = ?1
RETURNING number
)sql");
    insert.bind(a.incident, a.text, a.owner, a.ticket, a.done).step();
    return static_cast<int>(insert.integer(0));
}

std::vector<follow_up_action> sqlite_store::actions(incident_id incident) const {
    auto query = db_->prepare("SELECT number, text, owner, ticket, done FROM actions "
                              "WHERE incident_id = ?1 ORDER BY number");
    query.bind(incident);
    std::vector<follow_up_action> found;
    while (query.step())
        found.push_back({.incident = incident,
                         .number = static_cast<int>(query.integer(0)),
                         .text = query.text(1),
                         .owner = query.text(2),
                         .ticket = query.text(3),
                         .done = query.integer(4) != 0});
    return found;
}

bool sqlite_store::mark_action_done(incident_id incident, int number) {
    auto update = db_->prepare(
        "UPDATE actions SET done = 1 WHERE incident_id = ?1 AND number = ?2 RETURNING number");
    return update.bind(incident, number).step();
}

} // namespace siren::store
