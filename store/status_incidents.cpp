// sqlite_store: the incidents siren made on the hosted status page.

#include "connection.hpp"
#include "sqlite_store.hpp"

namespace siren::store {

void sqlite_store::record_status_incident(incident_id incident, std::string_view host_id) {
    db_->prepare("INSERT INTO status_incidents (incident_id, host_id) VALUES (?1, ?2) "
                 "ON CONFLICT DO NOTHING")
        .bind(incident, host_id)
        .run();
}

std::optional<std::string> sqlite_store::status_incident(incident_id incident) const {
    auto query = db_->prepare("SELECT host_id FROM status_incidents WHERE incident_id = ?1");
    if (!query.bind(incident).step())
        return std::nullopt;
    return query.text(0);
}

bool sqlite_store::knows_status_incident(std::string_view host_id) const {
    return db_->prepare("SELECT 1 FROM status_incidents WHERE host_id = ?1").bind(host_id).step();
}

} // namespace siren::store
