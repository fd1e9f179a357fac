#pragma once
// What handlers may read of the stored state. The store implements it; tests use a fake. Reads
// only: changes go back in a decision.

#include "action.hpp"
#include "incident.hpp"
#include "page.hpp"
#include "report.hpp"
#include "review.hpp"
#include "rotation.hpp"
#include "timeline.hpp"
#include "timer.hpp"

#include <optional>
#include <string_view>
#include <vector>

namespace siren {

class incident_view {
public:
    virtual ~incident_view() = default;

    virtual std::optional<incident> find(incident_id id) const = 0;
    // By the platform's channel id or by the channel name (without '#').
    virtual std::optional<incident> find_by_channel(std::string_view channel) const = 0;
    // Open incidents (not resolved or closed), newest first.
    virtual std::vector<incident> open_incidents() const = 0;
    // The `limit` most recently declared of them, newest first.
    virtual std::vector<incident> newest_open_incidents(std::size_t limit) const = 0;
    // Incidents resolved at or after `since` (closed ones included), newest first.
    virtual std::vector<incident> resolved_since(time_point since) const = 0;
    // Oldest first.
    virtual std::vector<timeline_entry> timeline(incident_id id) const = 0;
    // Whether any incident, open or not, ever used this channel name.
    virtual bool channel_name_taken(std::string_view name) const = 0;
    // The id a new incident would get.
    virtual incident_id next_incident_id() const = 0;

    virtual std::optional<report> find_report(report_id id) const = 0;
    virtual report_id next_report_id() const = 0;

    // Pages sent for an incident, by sending time; one page by its dedup key.
    virtual std::vector<page_record> pages(incident_id id) const = 0;
    virtual std::optional<page_record> find_page(std::string_view dedup_key) const = 0;
    // Every page sent at or after `since`, reports' included, by sending time.
    virtual std::vector<page_record> pages_sent_since(time_point since) const = 0;
    // An incident's timers that have not fired or been stopped, by due time.
    virtual std::vector<timer> pending_timers(incident_id id) const = 0;
    // The overrides of one track ("eoc", "eoc:secondary"), in the order they were created.
    virtual std::vector<override_record> override_records(std::string_view rotation) const = 0;
    // An incident's follow-up actions, by number.
    virtual std::vector<follow_up_action> actions(incident_id id) const = 0;
    // An incident's review; nullopt until resolving (or naming an owner, or a near miss) made it.
    virtual std::optional<review> find_review(incident_id id) const = 0;
};

// Who people are and who is on call. The shell and Slack each provide one.
class directory {
public:
    virtual ~directory() = default;

    // Whether this id names a person of the workspace.
    virtual bool knows(std::string_view user) const = 0;
    // The person holding a track at `now`: "eoc" names a rotation's primary track,
    // "eoc:secondary" its secondary one. nullopt for an unknown or unstaffed track.
    virtual std::optional<user_id> on_call(std::string_view track, time_point now) const = 0;
    // The shifts of a track covering [from, until), overrides applied, people named by this
    // directory's ids. Empty for an unknown or unstaffed track.
    virtual std::vector<shift> shifts(std::string_view track, time_point from,
                                      time_point until) const = 0;
    // The id of the person the config calls `handle`; nullopt when there is none.
    virtual std::optional<user_id> user_of(std::string_view handle) const = 0;
    // The person's IANA time zone, empty when unknown.
    virtual std::string time_zone(std::string_view user) const = 0;
};

} // namespace siren
