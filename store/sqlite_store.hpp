#pragma once
// siren's state in one SQLite file: incidents and their history, the outbox of effects, the inbox
// of processed envelopes, durable timers and what the runner learns from the platforms.
//
// Used from the one io_context thread only. open() and commit() return errors as values; the
// other members throw std::runtime_error when the database itself fails (disk full, I/O error),
// which siren treats as fatal.

#include "core/alert.hpp"
#include "core/decision.hpp"
#include "core/incident_view.hpp"
#include "core/outcome.hpp"
#include "records.hpp"

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace siren::store {

class connection;
class wal_checkpointer;

enum class open_mode {
    migrate,         // bring the schema up to date (the daemon, `siren migrate`)
    require_current, // refuse anything but the latest schema and never create the file
};

class sqlite_store final : public incident_view, public alert_view {
public:
    // `path` may be ":memory:". Refuses a database written by a newer siren without touching it.
    [[nodiscard]] static outcome<std::unique_ptr<sqlite_store>> open(const std::string& path,
                                                                     open_mode mode);
    ~sqlite_store() override;

    int schema_version() const;
    static int latest_schema_version();
    // From now on the write-ahead log is copied into the database file by a thread of its own
    // every `every`, not inside commits (store/wal_checkpointer.hpp). For the daemon; nothing
    // for ":memory:". Throws sqlite_error when the thread's connection cannot be opened.
    void checkpoint_in_background(std::chrono::milliseconds every);

    // incident_view
    std::optional<incident> find(incident_id id) const override;
    std::optional<incident> find_by_channel(std::string_view channel) const override;
    std::vector<incident> open_incidents() const override;
    std::vector<incident> newest_open_incidents(std::size_t limit) const override;
    std::vector<incident> resolved_since(time_point since) const override;
    std::vector<timeline_entry> timeline(incident_id id) const override;
    bool channel_name_taken(std::string_view name) const override;
    incident_id next_incident_id() const override;
    std::optional<report> find_report(report_id id) const override;
    report_id next_report_id() const override;
    std::vector<page_record> pages(incident_id incident) const override;
    std::vector<page_record> pages_sent_since(time_point since) const override;
    std::optional<page_record> find_page(std::string_view dedup_key) const override;
    std::vector<timer> pending_timers(incident_id incident) const override;
    std::vector<override_record> override_records(std::string_view rotation) const override;
    std::optional<review> find_review(incident_id incident) const override; // reviews.cpp

    // alert_view (alerts.cpp)
    std::optional<alert_record> find_alert(std::string_view fingerprint,
                                           time_point starts_at) const override;
    incident_id incident_of_group(std::string_view group_key) const override;

    // Saves a decision in one transaction: the envelope into the inbox, the incident with its role
    // holders, the report, the timeline entries, the effects into the outbox, the page changes,
    // the timers started and stopped, the overrides added and removed, the alerts seen, the review
    // and the follow-up actions, or none of it.
    // An envelope already in the inbox changes nothing and gives duplicate = true. An empty
    // envelope_id (an internal trigger such as a timer) records no inbox row.
    [[nodiscard]] outcome<commit_result> commit(const decision& d, std::string_view envelope_id,
                                                time_point now);
    bool seen_envelope(std::string_view envelope_id) const;

    // The outbox, for the effects runner. Effects of one lane (an incident, or one envelope's
    // effects when there is no incident) run in the order they were decided: only a lane's
    // oldest unfinished effect is ever due.
    //
    // Up to `limit` lane heads whose next attempt is due, oldest first, leaving out those in
    // `running` (a head stays pending while it runs). A row that no longer decodes is marked
    // failed (with the reason as its error) instead of being returned, so it cannot stop its
    // lane forever.
    std::vector<outbox_item> due_effects(time_point now, int limit,
                                         const std::set<std::int64_t>& running = {});
    // The same, of the pages' lanes only (page, acknowledge, resolve).
    std::vector<outbox_item> due_pages(time_point now, int limit,
                                       const std::set<std::int64_t>& running = {});
    // Effects the runner decides itself (a notice for the incident's channel), at the end of the
    // incident's lanes: after its channel is made.
    void enqueue_effects(incident_id incident, const std::vector<effect>& effects, time_point now);
    // When the earliest lane head that is not due by `after` becomes due; nullopt when there is
    // none. (Those due already are being carried out, or wait for a free worker.)
    std::optional<time_point> next_effect_due_after(time_point after) const;
    // An attempt is about to call the platform: until its outcome is recorded, the effect is
    // unsure (a crash now leaves it so), and the next attempt looks before acting again.
    void mark_started(std::int64_t id);
    void mark_done(std::int64_t id, time_point now);
    // outcome_unknown: the failed call may still have taken effect (the connection broke after
    // the request left), so the effect stays unsure.
    void mark_retry(std::int64_t id, time_point next_attempt, std::string_view error,
                    bool outcome_unknown);
    // Gives up on an effect for good; the effects after it in its lane are no longer held back.
    void mark_failed(std::int64_t id, std::string_view error, time_point now);
    std::size_t pending_effects() const;

    // What the runner learns. The channel `channel_name` was created as `channel_id`; the
    // incident (0: none) gets the id. The two-argument form takes the name from the incident and
    // does nothing for an unknown one.
    void set_channel_id(incident_id incident, std::string_view channel_name,
                        std::string_view channel_id);
    void set_channel_id(incident_id incident, std::string_view channel_id);
    std::optional<std::string> channel_id_for(std::string_view channel_name) const;
    // Whether some channel siren knows has this platform id.
    bool knows_channel_id(std::string_view channel_id) const;
    // `channel` as the effect named it. Saving a key again replaces its timestamp.
    void save_message(incident_id incident, std::string_view channel, std::string_view key,
                      std::string_view ts);
    std::optional<std::string> message_ts(std::string_view channel, std::string_view key) const;

    // Pages, as the runner learns of them. Recording a dedup_key again (a retried send) keeps
    // the first record. Resolving leaves pages already resolved as they were. Acknowledgements
    // and escalations come in decisions (decision::page_changes).
    void record_page(incident_id incident, const page_user& page, std::string_view provider,
                     time_point sent_at);
    void resolve_page(std::string_view dedup_key, time_point at);
    void resolve_pages(incident_id incident, time_point at);

    // Durable timers; due ones are returned until marked fired. Decisions start and stop them
    // (decision::timers_started, timers_stopped); add_timer is for what no decision covers.
    std::int64_t add_timer(const timer& t);
    std::vector<timer> due_timers(time_point now) const;                    // by due time
    std::vector<timer> pending_timers_of_kind(std::string_view kind) const; // by due time
    void mark_timer_fired(std::int64_t id);
    std::optional<time_point> next_timer_due() const;

    // Rotation overrides, in the order they were created, which is the order shift_at() wants.
    // add_override refuses an empty or inverted period and returns the new id.
    [[nodiscard]] outcome<std::int64_t> add_override(const rotation_override& o,
                                                     std::string_view created_by);
    std::vector<rotation_override> overrides(std::string_view rotation) const;
    bool remove_override(std::int64_t id); // false when there was none

    // Follow-up actions. add_action returns the number it gave the action.
    int add_action(const follow_up_action& a);
    std::vector<follow_up_action> actions(incident_id incident) const override; // by number
    bool mark_action_done(incident_id incident, int number); // false when there is no such action

    // Issues in the tracker (GitLab, Jira), as the runner learns of them (tracker_issues.cpp).
    // action 0 is the incident's own issue; another number, that follow-up action's, whose
    // ticket becomes the issue's URL. Recording an issue again keeps the first. `when_new` is
    // started with the record, in the same transaction, when the issue was not recorded before.
    struct tracker_record {
        std::string key;
        std::string url;
    };
    void record_tracker_issue(incident_id incident, int action, std::string_view key,
                              std::string_view url, const std::optional<timer>& when_new);
    std::optional<tracker_record> tracker_issue(incident_id incident, int action) const;

    // Incidents on the hosted status page, as the runner learns of them (status_incidents.cpp).
    // Recording an incident again keeps the first host id.
    void record_status_incident(incident_id incident, std::string_view host_id);
    std::optional<std::string> status_incident(incident_id incident) const;
    // Whether a host incident is already some siren incident's.
    bool knows_status_incident(std::string_view host_id) const;

    // What siren's metrics read at every scrape (metrics_queries.cpp).
    // Open incidents by severity; a severity with none is absent.
    std::map<severity, std::int64_t> open_incidents_by_severity() const;
    // When the oldest effect still pending (retries included) was decided; nullopt when none is.
    std::optional<time_point> oldest_pending_effect() const;
    // Pages ever acknowledged (by button, /119 ack or the provider), by the provider that sent
    // them.
    std::map<std::string, std::int64_t> acknowledged_pages_by_provider() const;

private:
    sqlite_store(std::unique_ptr<connection> db, std::string path);

    // due_effects of the lanes the SQL condition `lanes` (" AND o.lane …") selects.
    std::vector<outbox_item> due_in_lanes(time_point now, int limit,
                                          const std::set<std::int64_t>& running,
                                          std::string_view lanes);

    std::unique_ptr<connection> db_;
    std::string path_;
    // Declared after db_, so that it stops before db_ closes (which checkpoints what is left).
    std::unique_ptr<wal_checkpointer> checkpointer_;
};

} // namespace siren::store
