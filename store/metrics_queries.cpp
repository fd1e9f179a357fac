// sqlite_store: the counts siren's metrics read at every scrape. Read-only and cheap: each is one
// aggregate over an indexed or small table.

#include "connection.hpp"
#include "sqlite_store.hpp"

#include <string>

namespace siren::store {

std::map<severity, std::int64_t> sqlite_store::open_incidents_by_severity() const {
    auto query = db_->prepare("SELECT severity, count(*) FROM incidents "
                              "WHERE stage NOT IN (?1, ?2) GROUP BY severity");
    query.bind(to_string(stage::resolved), to_string(stage::closed));
    std::map<severity, std::int64_t> counts;
    while (query.step()) {
        auto level = parse_severity(query.text(0));
        if (!level)
            throw sqlite_error("unknown severity '" + query.text(0) + "' in the database");
        counts[*level] = query.integer(1);
    }
    return counts;
}

std::optional<time_point> sqlite_store::oldest_pending_effect() const {
    auto query = db_->prepare("SELECT min(created_at) FROM outbox WHERE status = 'pending'");
    query.step();
    return query.optional_time(0);
}

std::map<std::string, std::int64_t> sqlite_store::acknowledged_pages_by_provider() const {
    auto query = db_->prepare("SELECT provider, count(*) FROM pages "
                              "WHERE acknowledged_at IS NOT NULL GROUP BY provider");
    std::map<std::string, std::int64_t> counts;
    while (query.step())
        counts[query.text(0)] = query.integer(1);
    return counts;
}

} // namespace siren::store
