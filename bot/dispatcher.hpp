#pragma once
// Every transport hands what a person typed to the dispatcher: it asks the command handlers what
// to do and stores their decision (state, timeline, outbox) in one transaction. Nothing is sent
// from here; the effects runner does that once the decision is durable.

#include "bot/siren_metrics.hpp"
#include "commands/command.hpp"
#include "commands/conversation.hpp"
#include "core/intake.hpp"
#include "store/sqlite_store.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace siren {

struct dispatched {
    std::string reply{};               // for the person who typed the command
    std::optional<struct form> form{}; // questions to ask before acting
    bool duplicate = false;            // this envelope was processed before; nothing was done again
    bool has_effects = false;          // the runner has new work
    bool failed = false;               // the decision could not be stored; nothing changed
    bool refused = false;              // only a reply (why nothing can be done); nothing stored
};

class dispatcher {
public:
    // Every command dispatch() handles is counted in metrics (siren_commands_total).
    dispatcher(const settings& config, store::sqlite_store& store, const directory& people,
               siren_metrics& metrics);

    // envelope_id identifies the delivery (Slack's envelope id, or one the shell makes): a
    // redelivery of the same id changes nothing.
    dispatched dispatch(std::string_view envelope_id, const commands::command_input& input,
                        time_point now);

    // Every timer due at `now`: what each does is stored, then it is marked fired. A timer's
    // decision is recorded under "timer/<id>", so firing it again after a crash does nothing.
    // True when the effects runner has new work.
    bool fire_due_timers(time_point now);

    // Makes sure every rotation siren schedules has its next hand-over on a timer (at start:
    // each hand-over then plans the next).
    void plan_handovers(time_point now);

    // An acknowledgement a paging provider reported; delivery_id ("pagerduty/<event id>")
    // makes a redelivered webhook harmless.
    dispatched acknowledge_page(std::string_view delivery_id, std::string_view dedup_key,
                                const user_id& by, std::string_view provider, time_point now);

    // Whether a reaction added in `channel` asks for its message in the incident's timeline
    // (commands::is_timeline_reaction): only then is the message worth fetching.
    bool wants_in_timeline(std::string_view reaction, std::string_view channel, time_point now);

    // A message marked for the incident's timeline (commands::add_message_to_timeline). The
    // delivery id ("slack-event/<event id>" for a reaction, the envelope id for a shortcut)
    // makes a redelivery harmless; the message's own source makes marking it again harmless.
    dispatched add_to_timeline(std::string_view delivery_id, const commands::posted_message& m,
                               time_point now);

    // A group of alerts from Alertmanager (commands::on_alerts). delivery_id names what the
    // delivery says (alertmanager::delivery_id), so a retried or repeated delivery changes
    // nothing; the alerts' own record makes an alert seen in an earlier group harmless too.
    dispatched receive_alerts(std::string_view delivery_id, const alert_group& group,
                              time_point now);

    // What another system's webhook reported (commands::on_intake). delivery_id
    // (intake::delivery_id) names its dedup key, so the same key twice changes nothing.
    dispatched receive_intake(std::string_view delivery_id, const intake_item& item,
                              const intake_source& source, time_point now);

private:
    dispatched store(std::string_view envelope_id, const decision& d, std::string_view what,
                     time_point now);

    const settings& config_;
    store::sqlite_store& store_;
    const directory& people_;
    siren_metrics& metrics_;
};

} // namespace siren
