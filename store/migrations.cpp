#include "migrations.hpp"

#include <iterator>
#include <string>

namespace siren::store {

namespace {

// Times are unix seconds. Enumerations are stored by their names from core (to_string / to_key)
// so the file reads well in the sqlite3 shell and survives a reordering of an enum. An id of 0
// from the domain ("no incident") is stored as NULL so foreign keys hold.
constexpr const char* migrations[] = {
    // 1: the initial schema.
    R"sql(
CREATE TABLE incidents (
    id           INTEGER PRIMARY KEY,
    title        TEXT    NOT NULL,
    severity     TEXT    NOT NULL,
    stage        TEXT    NOT NULL,
    status       TEXT    NOT NULL,
    service      TEXT    NOT NULL,
    security     INTEGER NOT NULL CHECK (security IN (0, 1)),
    near_miss    INTEGER NOT NULL CHECK (near_miss IN (0, 1)),
    channel_name TEXT    NOT NULL,
    channel_id   TEXT    NOT NULL,
    declared_by  TEXT    NOT NULL,
    declared_at  INTEGER NOT NULL,
    updated_at   INTEGER NOT NULL,
    resolved_at  INTEGER,
    summary      TEXT    NOT NULL
);
-- A channel name is never reused, even after the incident is closed.
CREATE UNIQUE INDEX incidents_by_channel_name ON incidents (channel_name) WHERE channel_name <> '';
CREATE INDEX incidents_by_channel_id ON incidents (channel_id) WHERE channel_id <> '';
CREATE INDEX incidents_by_stage ON incidents (stage, declared_at);

-- The history of who held which role; the row with released_at NULL is the current holder.
CREATE TABLE role_assignments (
    id          INTEGER PRIMARY KEY,
    incident_id INTEGER NOT NULL REFERENCES incidents (id),
    role        TEXT    NOT NULL,
    user_id     TEXT    NOT NULL,
    assigned_at INTEGER NOT NULL,
    released_at INTEGER
);
CREATE UNIQUE INDEX role_assignments_current
    ON role_assignments (incident_id, role) WHERE released_at IS NULL;

CREATE TABLE timeline_entries (
    id          INTEGER PRIMARY KEY,
    incident_id INTEGER NOT NULL REFERENCES incidents (id),
    at          INTEGER NOT NULL,
    actor       TEXT    NOT NULL,
    kind        TEXT    NOT NULL,
    text        TEXT    NOT NULL
);
CREATE INDEX timeline_entries_by_incident ON timeline_entries (incident_id, at, id);

CREATE TABLE reports (
    id          INTEGER PRIMARY KEY,
    reporter    TEXT    NOT NULL,
    text        TEXT    NOT NULL,
    channel_id  TEXT    NOT NULL,
    reported_at INTEGER NOT NULL,
    paged       TEXT    NOT NULL,
    incident_id INTEGER REFERENCES incidents (id)
);

CREATE TABLE pages (
    id              INTEGER PRIMARY KEY,
    dedup_key       TEXT    NOT NULL UNIQUE,
    incident_id     INTEGER REFERENCES incidents (id),
    user_id         TEXT    NOT NULL,
    rotation        TEXT    NOT NULL,
    provider        TEXT    NOT NULL,
    sent_at         INTEGER NOT NULL,
    acknowledged_at INTEGER,
    acknowledged_by TEXT,
    escalated_at    INTEGER,
    resolved_at     INTEGER,
    status          TEXT    NOT NULL
        CHECK (status IN ('triggered', 'acknowledged', 'escalated', 'resolved'))
);
CREATE INDEX pages_by_incident ON pages (incident_id);

-- Corrective actions of a review, numbered 1, 2, ... within their incident.
CREATE TABLE actions (
    id          INTEGER PRIMARY KEY,
    incident_id INTEGER NOT NULL REFERENCES incidents (id),
    number      INTEGER NOT NULL,
    text        TEXT    NOT NULL,
    owner       TEXT    NOT NULL,
    ticket      TEXT    NOT NULL,
    done        INTEGER NOT NULL CHECK (done IN (0, 1)),
    UNIQUE (incident_id, number)
);

-- Effects waiting to be carried out. AUTOINCREMENT: ids never come back, so the id order is the
-- order effects were decided in and an id once used as an idempotency key stays unique. A lane
-- ("incident/119", or "envelope/<id>" without an incident) runs its effects one after another.
CREATE TABLE outbox (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    lane            TEXT    NOT NULL,
    incident_id     INTEGER REFERENCES incidents (id),
    kind            TEXT    NOT NULL,
    body            TEXT    NOT NULL,
    idempotency_key TEXT    NOT NULL UNIQUE,
    status          TEXT    NOT NULL CHECK (status IN ('pending', 'done', 'failed')),
    attempts        INTEGER NOT NULL,
    next_attempt_at INTEGER NOT NULL,
    created_at      INTEGER NOT NULL,
    finished_at     INTEGER,
    last_error      TEXT
);
CREATE INDEX outbox_pending_by_lane ON outbox (lane, id) WHERE status = 'pending';
CREATE INDEX outbox_pending_by_due ON outbox (next_attempt_at) WHERE status = 'pending';

-- Envelopes already processed, so a redelivery is recognised.
CREATE TABLE inbox (
    envelope_id TEXT    PRIMARY KEY,
    received_at INTEGER NOT NULL
) WITHOUT ROWID;

-- Durable timers: escalations, reminders, review deadlines. The payload is the scheduler's.
CREATE TABLE timers (
    id          INTEGER PRIMARY KEY,
    kind        TEXT    NOT NULL,
    incident_id INTEGER REFERENCES incidents (id),
    due_at      INTEGER NOT NULL,
    payload     TEXT    NOT NULL,
    fired       INTEGER NOT NULL CHECK (fired IN (0, 1))
);
CREATE INDEX timers_unfired_by_due ON timers (due_at) WHERE fired = 0;

-- `rotation` names a track as escalation targets do: "eoc", "eoc:secondary". Where overrides
-- overlap the later one wins, so they are read back in id order.
CREATE TABLE rotation_overrides (
    id         INTEGER PRIMARY KEY,
    rotation   TEXT    NOT NULL,
    person     TEXT    NOT NULL,
    starts_at  INTEGER NOT NULL,
    ends_at    INTEGER NOT NULL,
    created_by TEXT    NOT NULL,
    CHECK (ends_at > starts_at)
);
CREATE INDEX rotation_overrides_by_rotation ON rotation_overrides (rotation, id);

-- Messages posted with a key, so a later update_message finds the platform's timestamp.
CREATE TABLE messages (
    id          INTEGER PRIMARY KEY,
    incident_id INTEGER REFERENCES incidents (id),
    channel     TEXT    NOT NULL,
    message_key TEXT    NOT NULL,
    ts          TEXT    NOT NULL,
    UNIQUE (channel, message_key)
);

-- Channel names the platform has given an id to.
CREATE TABLE channels (
    name        TEXT PRIMARY KEY,
    platform_id TEXT NOT NULL
) WITHOUT ROWID;
)sql",
    // 2: an entry copied from a message of the conversation names it ("<channel id>/<ts>"), so
    // that a message is copied into a timeline once however often it is asked for.
    R"sql(
ALTER TABLE timeline_entries ADD COLUMN source TEXT NOT NULL DEFAULT '';
CREATE UNIQUE INDEX timeline_entries_by_source ON timeline_entries (source) WHERE source <> '';
)sql",
    // 3: why a page was sent (its summary), so that a page row says who, why and what became
    // of it on its own.
    R"sql(
ALTER TABLE pages ADD COLUMN summary TEXT NOT NULL DEFAULT '';
)sql",
    // 4: an effect whose last attempt may have reached the platform without siren learning the
    // outcome (in flight at a crash, or the connection cut after the request left) is `unsure`:
    // its next attempt first looks whether the earlier one took effect.
    R"sql(
ALTER TABLE outbox ADD COLUMN unsure INTEGER NOT NULL DEFAULT 0 CHECK (unsure IN (0, 1));
)sql",
    // 5: alerts from Alertmanager, one row per alert instance (fingerprint and start), so that a
    // redelivered or repeated alert is recognised and a resolved one finds its incident and page.
    // Written alongside 4 (the outbox's `unsure`): migrations apply by their position in this
    // list, so 4 must stay before this one.
    R"sql(
CREATE TABLE alerts (
    id          INTEGER PRIMARY KEY,
    fingerprint TEXT    NOT NULL,
    starts_at   INTEGER NOT NULL,
    status      TEXT    NOT NULL CHECK (status IN ('firing', 'resolved')),
    group_key   TEXT    NOT NULL,
    name        TEXT    NOT NULL,
    labels      TEXT    NOT NULL,
    summary     TEXT    NOT NULL,
    incident_id INTEGER REFERENCES incidents (id),
    page_key    TEXT    NOT NULL,
    ends_at     INTEGER,
    first_seen  INTEGER NOT NULL,
    last_seen   INTEGER NOT NULL,
    UNIQUE (fingerprint, starts_at)
);
CREATE INDEX alerts_by_group ON alerts (group_key, last_seen) WHERE incident_id IS NOT NULL;
)sql",
    // 6: the review of an incident (owner, deadlines, draft and written marks, the severity a
    // near miss would have had). One row per incident, made when resolving opens the review.
    R"sql(
CREATE TABLE reviews (
    incident_id        INTEGER PRIMARY KEY REFERENCES incidents (id),
    owner              TEXT    NOT NULL,
    near_miss_severity TEXT,
    opened_at          INTEGER,
    provisional_due    INTEGER NOT NULL,
    full_due           INTEGER NOT NULL,
    drafted_at         INTEGER,
    written_at         INTEGER,
    written_by         TEXT    NOT NULL
);
)sql",
    // 7: issues made in the configured tracker (GitLab, Jira) for an incident (action_number 0)
    // or one of its follow-up actions.
    R"sql(
CREATE TABLE tracker_issues (
    incident_id   INTEGER NOT NULL REFERENCES incidents (id),
    action_number INTEGER NOT NULL,
    issue_key     TEXT    NOT NULL,
    url           TEXT    NOT NULL,
    bookmarked    INTEGER NOT NULL DEFAULT 0 CHECK (bookmarked IN (0, 1)),
    PRIMARY KEY (incident_id, action_number)
);
)sql",
    // 8: stopping an incident's timers (resolve stops a dozen kinds) looks them up by incident
    // and kind instead of reading every unfired timer: each resolved incident keeps its review
    // timers for days, and without this index every resolve slowed down with history.
    R"sql(
CREATE INDEX timers_unfired_by_incident ON timers (incident_id, kind) WHERE fired = 0;
)sql",
    // 9: a declare compares its title with the newest open incidents (the duplicate guard); this
    // finds them without reading the resolved ones, which pile up over the years.
    R"sql(
CREATE INDEX incidents_open ON incidents (id) WHERE stage NOT IN ('resolved', 'closed');
)sql",
    // 10: the incidents siren made on the hosted status page (Atlassian Statuspage), by the
    // host's id; one per incident, and a host incident belongs to one siren incident only.
    R"sql(
CREATE TABLE status_incidents (
    incident_id INTEGER PRIMARY KEY REFERENCES incidents (id),
    host_id     TEXT    NOT NULL UNIQUE
);
)sql",
    // 11: each lane's head (its first pending effect) is marked, and triggers move the mark on
    // as effects finish, so that finding the due effects reads the due heads only. Without it
    // every look read every pending effect: under Slack's rate limits thousands wait behind
    // their lane's head, and each finished effect made siren read them all again.
    R"sql(
ALTER TABLE outbox ADD COLUMN lane_head INTEGER NOT NULL DEFAULT 0 CHECK (lane_head IN (0, 1));
UPDATE outbox SET lane_head = 1
WHERE status = 'pending' AND NOT EXISTS (
    SELECT 1 FROM outbox e WHERE e.status = 'pending' AND e.lane = outbox.lane AND e.id < outbox.id);
CREATE INDEX outbox_due_heads ON outbox (next_attempt_at) WHERE status = 'pending' AND lane_head = 1;
CREATE TRIGGER outbox_head_on_insert AFTER INSERT ON outbox
WHEN NEW.status = 'pending' AND NOT EXISTS (
    SELECT 1 FROM outbox e WHERE e.status = 'pending' AND e.lane = NEW.lane AND e.id < NEW.id)
BEGIN
    UPDATE outbox SET lane_head = 1 WHERE id = NEW.id;
END;
CREATE TRIGGER outbox_head_moves_on AFTER UPDATE OF status ON outbox
WHEN OLD.status = 'pending' AND NEW.status <> 'pending'
BEGIN
    UPDATE outbox SET lane_head = 0 WHERE id = NEW.id;
    UPDATE outbox SET lane_head = 1
    WHERE id = (SELECT min(id) FROM outbox WHERE status = 'pending' AND lane = NEW.lane);
END;
)sql",
};

} // namespace

int latest_migration() {
    return static_cast<int>(std::size(migrations));
}

void migrate(connection& db) {
    for (int version = db.user_version(); version < latest_migration();) {
        transaction step(db);
        // Another process may have migrated while this one waited for the write lock.
        version = db.user_version();
        if (version >= latest_migration())
            break;
        db.exec(migrations[version]);
        ++version;
        db.exec("PRAGMA user_version = " + std::to_string(version));
        step.commit();
    }
}

} // namespace siren::store
