// sqlite_store::commit: a decision saved in one transaction.

#include "connection.hpp"
#include "effect_codec.hpp"
#include "null_if_zero.hpp"
#include "sqlite_store.hpp"
#include "writes.hpp"

#include <string>

namespace siren::store {

namespace {

void save_incident(connection& db, const incident& i) {
    // The runner writes channel_id once the channel exists; a decision taken on a view read before
    // that must not erase it.
    auto upsert = db.prepare(R"sql(
INSERT INTO incidents (id, title, severity, stage, status, service, security, near_miss,
                       channel_name, channel_id, declared_by, declared_at, updated_at, resolved_at,
                       summary)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)
ON CONFLICT (id) DO UPDATE SET
    title = excluded.title, severity = excluded.severity, stage = excluded.stage,
    status = excluded.status, service = excluded.service, security = excluded.security,
    near_miss = excluded.near_miss, channel_name = excluded.channel_name,
    channel_id = CASE WHEN excluded.channel_id = '' THEN channel_id ELSE excluded.channel_id END,
    declared_by = excluded.declared_by, declared_at = excluded.declared_at,
    updated_at = excluded.updated_at, resolved_at = excluded.resolved_at,
    summary = excluded.summary
)sql");
    upsert
        .bind(i.id, i.title, to_string(i.level), to_string(i.current), to_key(i.status), i.service,
              i.security, i.near_miss, i.channel_name, i.channel_id, i.declared_by, i.declared_at,
              i.updated_at, i.resolved_at, i.summary)
        .run();
}

std::optional<user_id> current_holder(connection& db, incident_id id, role r) {
    auto query = db.prepare("SELECT user_id FROM role_assignments "
                            "WHERE incident_id = ?1 AND role = ?2 AND released_at IS NULL");
    if (!query.bind(id, to_key(r)).step())
        return std::nullopt;
    return query.text(0);
}

// Keeps the history: a holder who changes is released, not overwritten.
void save_roles(connection& db, const incident& i, time_point now) {
    for (role r : all_roles) {
        std::optional<user_id> wanted;
        if (is_filled(i, r))
            wanted = i.roles.at(r);
        std::optional<user_id> held = current_holder(db, i.id, r);
        if (wanted == held)
            continue;
        if (held)
            db.prepare("UPDATE role_assignments SET released_at = ?3 "
                       "WHERE incident_id = ?1 AND role = ?2 AND released_at IS NULL")
                .bind(i.id, to_key(r), now)
                .run();
        if (wanted)
            db.prepare("INSERT INTO role_assignments (incident_id, role, user_id, assigned_at) "
                       "VALUES (?1, ?2, ?3, ?4)")
                .bind(i.id, to_key(r), *wanted, now)
                .run();
    }
}

void save_report(connection& db, const report& r) {
    auto upsert = db.prepare(R"sql(
INSERT INTO reports (id, reporter, text, channel_id, reported_at, paged, incident_id)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
ON CONFLICT (id) DO UPDATE SET
    reporter = excluded.reporter, text = excluded.text, channel_id = excluded.channel_id,
    reported_at = excluded.reported_at, paged = excluded.paged, incident_id = excluded.incident_id
)sql");
    upsert.bind(r.id, r.reporter, r.text, r.channel_id, r.reported_at, r.paged, r.incident).run();
}

void append_timeline(connection& db, const timeline_entry& e) {
    db.prepare("INSERT INTO timeline_entries (incident_id, at, actor, kind, text, source) "
               "VALUES (?1, ?2, ?3, ?4, ?5, ?6)")
        .bind(e.incident, e.at, e.actor, to_string(e.kind), e.text, e.source)
        .run();
}

// What idempotency keys of effects decided without an envelope start with: the id the first of
// them will get, unique for good because outbox ids are never reused (AUTOINCREMENT).
std::string local_key_base(connection& db) {
    auto query = db.prepare("SELECT coalesce(max(seq), 0) + 1 FROM sqlite_sequence "
                            "WHERE name = 'outbox'");
    query.step();
    return "local-" + std::to_string(query.integer(0));
}

void enqueue(connection& db, const std::vector<effect>& effects, incident_id incident,
             std::string_view envelope_id, time_point now) {
    if (effects.empty())
        return;
    std::string key_base = envelope_id.empty() ? local_key_base(db) : std::string(envelope_id);
    std::string owner =
        incident != 0 ? "incident/" + std::to_string(incident) : "envelope/" + key_base;
    for (std::size_t index = 0; index < effects.size(); ++index) {
        // Pages have a lane of their own, so a page never waits behind Slack's rate limits; the
        // tracker and the hosted status page too, so neither holds up the incident's channel.
        std::string lane = is_paging(effects[index])             ? "pages/" + owner
                           : is_tracking(effects[index])         ? "tracker/" + owner
                           : is_mirroring_status(effects[index]) ? "status/" + owner
                                                                 : owner;
        db.prepare(R"sql(
INSERT INTO outbox (lane, incident_id, kind, body, idempotency_key, status, attempts,
                    next_attempt_at, created_at)
VALUES (?1, ?2, ?3, ?4, ?5, 'pending', 0, ?6, ?6)
)sql")
            .bind(lane, null_if_zero(incident), kind_of(effects[index]),
                  encode_effect(effects[index]), key_base + "/" + std::to_string(index), now)
            .run();
    }
}

// False when the envelope was committed before.
bool record_envelope(connection& db, std::string_view envelope_id, time_point now) {
    auto insert = db.prepare("INSERT INTO inbox (envelope_id, received_at) VALUES (?1, ?2) "
                             "ON CONFLICT (envelope_id) DO NOTHING RETURNING 1");
    return insert.bind(envelope_id, now).step();
}

} // namespace

outcome<commit_result> sqlite_store::commit(const decision& d, std::string_view envelope_id,
                                            time_point now) {
    if (d.saved && d.saved->id <= 0)
        return outcome<commit_result>(boost::system::in_place_error,
                                      "cannot save an incident without an id (got " +
                                          std::to_string(d.saved->id) + ")");
    if (d.saved_report && d.saved_report->id <= 0)
        return outcome<commit_result>(boost::system::in_place_error,
                                      "cannot save a report without an id (got " +
                                          std::to_string(d.saved_report->id) + ")");
    try {
        transaction tx(*db_);
        if (!envelope_id.empty() && !record_envelope(*db_, envelope_id, now))
            return commit_result{.duplicate = true};
        if (d.saved) {
            save_incident(*db_, *d.saved);
            save_roles(*db_, *d.saved, now);
        }
        if (d.saved_report)
            save_report(*db_, *d.saved_report);
        for (const timeline_entry& e : d.timeline)
            append_timeline(*db_, e);
        enqueue(*db_, d.effects, d.saved ? d.saved->id : 0, envelope_id, now);
        for (const page_change& change : d.page_changes)
            apply_page_change(*db_, change, now);
        for (const timer_cancel& which : d.timers_stopped)
            stop_timers(*db_, which);
        for (const timer& t : d.timers_started)
            insert_timer(*db_, t);
        for (const override_record& o : d.overrides_added)
            insert_override(*db_, o.what, o.created_by);
        for (std::int64_t id : d.overrides_removed)
            delete_override(*db_, id);
        for (const alert_record& a : d.alerts) // after the incident they may name
            save_alert(*db_, a);
        if (d.saved_review)
            save_review(*db_, *d.saved_review);
        for (const follow_up_action& a : d.actions_saved)
            save_action(*db_, a);
        tx.commit();
        return commit_result{};
    } catch (const sqlite_error& e) {
        return outcome<commit_result>(boost::system::in_place_error,
                                      "cannot save the decision: " + std::string(e.what()));
    }
}

void sqlite_store::enqueue_effects(incident_id incident, const std::vector<effect>& effects,
                                   time_point now) {
    transaction tx(*db_);
    enqueue(*db_, effects, incident, "", now);
    tx.commit();
}

} // namespace siren::store
