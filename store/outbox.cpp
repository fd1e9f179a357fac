// sqlite_store's outbox: what the effects runner reads and writes back.

#include "connection.hpp"
#include "effect_codec.hpp"
#include "sqlite_store.hpp"

#include <string>

namespace siren::store {

namespace {

// A pending row with no pending row before it in its lane, as the schema's triggers mark it
// (migration 11); spelled as the index outbox_due_heads is, which the due effects are read
// from: SQLite would otherwise walk the whole outbox in id order for them. A retry waiting for its
// next attempt stays pending, so it keeps holding back what comes after it.
constexpr std::string_view lane_head = "o.status = 'pending' AND o.lane_head = 1";

struct undecodable {
    std::int64_t id;
    std::string error;
};

} // namespace

std::vector<outbox_item> sqlite_store::due_effects(time_point now, int limit,
                                                   const std::set<std::int64_t>& running) {
    return due_in_lanes(now, limit, running, "");
}

std::vector<outbox_item> sqlite_store::due_pages(time_point now, int limit,
                                                 const std::set<std::int64_t>& running) {
    return due_in_lanes(now, limit, running, " AND o.lane GLOB 'pages/*'");
}

std::vector<outbox_item> sqlite_store::due_in_lanes(time_point now, int limit,
                                                    const std::set<std::int64_t>& running,
                                                    std::string_view lanes) {
    std::vector<outbox_item> due;
    // Failing a row that does not decode lets its lane move on, which can make another row due.
    for (;;) {
        std::vector<undecodable> broken;
        {
            auto query = db_->prepare(
                "SELECT o.id, o.incident_id, o.body, o.idempotency_key, o.attempts, o.created_at, "
                "o.unsure "
                "FROM outbox o INDEXED BY outbox_due_heads "
                "WHERE " +
                std::string(lane_head) + std::string(lanes) +
                " AND o.next_attempt_at <= ?1 ORDER BY o.id");
            query.bind(now);
            // The running heads are passed over before their bodies are decoded.
            while (std::ssize(due) < limit && query.step()) {
                if (running.count(query.integer(0)))
                    continue;
                auto action = decode_effect(query.text(2));
                if (!action) {
                    broken.push_back({query.integer(0), action.error()});
                    continue;
                }
                due.push_back({.id = query.integer(0),
                               .incident = query.integer(1),
                               .action = std::move(*action),
                               .idempotency_key = query.text(3),
                               .attempts = static_cast<int>(query.integer(4)),
                               .created_at = query.time(5),
                               .unsure = query.integer(6) != 0});
            }
        }
        if (broken.empty())
            return due;
        due.clear();
        for (const undecodable& row : broken)
            mark_failed(row.id, "cannot decode the stored effect: " + row.error, now);
    }
}

std::optional<time_point> sqlite_store::next_effect_due_after(time_point after) const {
    // Lane heads only: a later effect in a lane is never due before its head is finished.
    auto query = db_->prepare("SELECT min(o.next_attempt_at) FROM outbox o WHERE " +
                              std::string(lane_head) + " AND o.next_attempt_at > ?1");
    query.bind(after);
    query.step();
    return query.optional_time(0);
}

void sqlite_store::mark_started(std::int64_t id) {
    db_->prepare("UPDATE outbox SET unsure = 1 WHERE id = ?1 AND unsure = 0").bind(id).run();
}

void sqlite_store::mark_done(std::int64_t id, time_point now) {
    db_->prepare("UPDATE outbox SET status = 'done', finished_at = ?2, last_error = NULL, "
                 "unsure = 0 WHERE id = ?1")
        .bind(id, now)
        .run();
}

void sqlite_store::mark_retry(std::int64_t id, time_point next_attempt, std::string_view error,
                              bool outcome_unknown) {
    db_->prepare(
           "UPDATE outbox SET attempts = attempts + 1, next_attempt_at = ?2, last_error = ?3, "
           "unsure = ?4 WHERE id = ?1 AND status = 'pending'")
        .bind(id, next_attempt, error, outcome_unknown ? 1 : 0)
        .run();
}

void sqlite_store::mark_failed(std::int64_t id, std::string_view error, time_point now) {
    db_->prepare("UPDATE outbox SET status = 'failed', finished_at = ?2, last_error = ?3 "
                 "WHERE id = ?1")
        .bind(id, now, error)
        .run();
}

std::size_t sqlite_store::pending_effects() const {
    auto query = db_->prepare("SELECT count(*) FROM outbox WHERE status = 'pending'");
    query.step();
    return static_cast<std::size_t>(query.integer(0));
}

} // namespace siren::store
