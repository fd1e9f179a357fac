#include "bot/dispatcher.hpp"

#include "commands/alerts.hpp"
#include "commands/handover.hpp"
#include "commands/intake.hpp"
#include "commands/paging.hpp"
#include "commands/timers.hpp"

#include <algorithm>

#include <spdlog/spdlog.h>

namespace siren {

namespace {

command_result result_of(const decision& d, const dispatched& out) {
    if (out.failed)
        return command_result::failed;
    if (out.duplicate)
        return command_result::duplicate;
    if (out.form)
        return command_result::asked;
    return d.is_reply_only() ? command_result::answered : command_result::changed;
}

} // namespace

dispatcher::dispatcher(const settings& config, store::sqlite_store& store, const directory& people,
                       siren_metrics& metrics)
    : config_(config)
    , store_(store)
    , people_(people)
    , metrics_(metrics) {}

dispatched dispatcher::dispatch(std::string_view envelope_id, const commands::command_input& input,
                                time_point now) {
    if (!envelope_id.empty() && store_.seen_envelope(envelope_id)) {
        spdlog::info("envelope {} was already processed; not doing it again", envelope_id);
        metrics_.command_handled(input, command_result::duplicate);
        return {.duplicate = true};
    }
    decision d = commands::handle(input, {config_, store_, people_, now});
    dispatched out = store(envelope_id, d, input.command + " " + input.text.substr(0, 40), now);
    metrics_.command_handled(input, result_of(d, out));
    return out;
}

dispatched dispatcher::store(std::string_view envelope_id, const decision& d, std::string_view what,
                             time_point now) {
    dispatched out{.reply = d.reply, .form = d.form};
    if (d.is_reply_only())
        return out;
    auto committed = store_.commit(d, envelope_id, now);
    if (!committed) {
        spdlog::error("could not store the decision for {}: {}", what, committed.error());
        return {.reply = "siren could not save that, so nothing was changed: " + committed.error() +
                         ". Please try again.",
                .failed = true};
    }
    out.duplicate = committed->duplicate;
    out.has_effects = !committed->duplicate && !d.effects.empty();
    return out;
}

bool dispatcher::fire_due_timers(time_point now) {
    bool has_effects = false;
    for (const timer& due : store_.due_timers(now)) {
        decision d = commands::on_timer(due, {config_, store_, people_, now});
        auto stored =
            store("timer/" + std::to_string(due.id), d,
                  "timer " + due.kind + " of incident " + std::to_string(due.incident), now);
        if (stored.failed)
            continue; // the timer stays due and is tried again
        store_.mark_timer_fired(due.id);
        has_effects = has_effects || stored.has_effects;
    }
    return has_effects;
}

void dispatcher::plan_handovers(time_point now) {
    std::vector<std::string> planned;
    for (std::string_view kind : {commands::handover_notice_timer, commands::handover_timer})
        for (const timer& t : store_.pending_timers_of_kind(kind))
            planned.push_back(commands::rotation_of_handover(t.payload));
    for (const rotation_settings& r : config_.rotations)
        if (std::find(planned.begin(), planned.end(), r.name) == planned.end())
            if (auto notice = commands::next_handover_notice(r, now))
                store_.add_timer(*notice);
}

dispatched dispatcher::acknowledge_page(std::string_view delivery_id, std::string_view dedup_key,
                                        const user_id& by, std::string_view provider,
                                        time_point now) {
    if (store_.seen_envelope(delivery_id))
        return {.duplicate = true};
    decision d = commands::on_provider_acknowledgement(dedup_key, by, provider,
                                                       {config_, store_, people_, now});
    return store(delivery_id, d, std::string(provider) + " acknowledgement", now);
}

bool dispatcher::wants_in_timeline(std::string_view reaction, std::string_view channel,
                                   time_point now) {
    return commands::is_timeline_reaction(reaction, channel, {config_, store_, people_, now});
}

dispatched dispatcher::add_to_timeline(std::string_view delivery_id,
                                       const commands::posted_message& m, time_point now) {
    if (!delivery_id.empty() && store_.seen_envelope(delivery_id)) {
        spdlog::info("{} was already processed; not doing it again", delivery_id);
        return {.duplicate = true};
    }
    decision d = commands::add_message_to_timeline(m, {config_, store_, people_, now});
    return store(delivery_id, d, "message " + commands::message_source(m.channel, m.ts), now);
}

dispatched dispatcher::receive_alerts(std::string_view delivery_id, const alert_group& group,
                                      time_point now) {
    if (store_.seen_envelope(delivery_id)) {
        spdlog::info("alertmanager: {} was already processed; not doing it again", delivery_id);
        return {.duplicate = true};
    }
    decision d = commands::on_alerts(group, store_, {config_, store_, people_, now});
    return store(delivery_id, d, "alert group " + group.group_key, now);
}

dispatched dispatcher::receive_intake(std::string_view delivery_id, const intake_item& item,
                                      const intake_source& source, time_point now) {
    if (store_.seen_envelope(delivery_id)) {
        spdlog::info("intake {}: {} was already processed; not doing it again", source.name,
                     delivery_id);
        return {.duplicate = true};
    }
    decision d = commands::on_intake(item, source, {config_, store_, people_, now});
    if (d.is_reply_only())
        return {.reply = d.reply, .refused = true};
    return store(delivery_id, d, "intake from " + source.name, now);
}

} // namespace siren
