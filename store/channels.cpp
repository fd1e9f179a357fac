// sqlite_store: channel ids and message timestamps the runner learns from the platform.

#include "connection.hpp"
#include "null_if_zero.hpp"
#include "sqlite_store.hpp"

namespace siren::store {

void sqlite_store::set_channel_id(incident_id incident, std::string_view channel_name,
                                  std::string_view channel_id) {
    if (incident != 0)
        db_->prepare("UPDATE incidents SET channel_id = ?2 WHERE id = ?1")
            .bind(incident, channel_id)
            .run();
    db_->prepare("INSERT INTO channels (name, platform_id) VALUES (?1, ?2) "
                 "ON CONFLICT (name) DO UPDATE SET platform_id = excluded.platform_id")
        .bind(channel_name, channel_id)
        .run();
}

void sqlite_store::set_channel_id(incident_id incident, std::string_view channel_id) {
    std::string name;
    {
        auto query = db_->prepare("SELECT channel_name FROM incidents WHERE id = ?1");
        if (!query.bind(incident).step())
            return;
        name = query.text(0);
    }
    set_channel_id(incident, name, channel_id);
}

std::optional<std::string> sqlite_store::channel_id_for(std::string_view channel_name) const {
    auto query = db_->prepare("SELECT platform_id FROM channels WHERE name = ?1");
    if (!query.bind(channel_name).step())
        return std::nullopt;
    return query.text(0);
}

bool sqlite_store::knows_channel_id(std::string_view channel_id) const {
    return db_->prepare("SELECT 1 FROM channels WHERE platform_id = ?1").bind(channel_id).step();
}

void sqlite_store::save_message(incident_id incident, std::string_view channel,
                                std::string_view key, std::string_view ts) {
    db_->prepare("INSERT INTO messages (incident_id, channel, message_key, ts) "
                 "VALUES (?1, ?2, ?3, ?4) "
                 "ON CONFLICT (channel, message_key) DO UPDATE SET ts = excluded.ts")
        .bind(null_if_zero(incident), channel, key, ts)
        .run();
}

std::optional<std::string> sqlite_store::message_ts(std::string_view channel,
                                                    std::string_view key) const {
    auto query = db_->prepare("SELECT ts FROM messages WHERE channel = ?1 AND message_key = ?2");
    if (!query.bind(channel, key).step())
        return std::nullopt;
    return query.text(0);
}

} // namespace siren::store
