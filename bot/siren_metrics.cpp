#include "bot/siren_metrics.hpp"

#include <array>

namespace siren {

namespace {

using metrics::sample;

// The envelope types Slack sends today; anything newer is counted as "other".
constexpr std::array<std::string_view, 3> envelope_types = {"slash_commands", "interactive",
                                                            "events_api"};

std::string envelope_label(std::string_view type) {
    for (std::string_view known : envelope_types)
        if (type == known)
            return std::string(known);
    return "other";
}

// Receipt to ack. Slack gives up on an ack after 3 s; siren's own work takes well under 1 ms.
const std::vector<double> ack_buckets = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
                                         0.1,    0.25,  0.5,    1,     2,    3};

std::string_view to_string(command_result r) {
    switch (r) {
    case command_result::changed:
        return "changed";
    case command_result::answered:
        return "answered";
    case command_result::asked:
        return "asked";
    case command_result::duplicate:
        return "duplicate";
    case command_result::failed:
        return "failed";
    }
    return "unknown";
}

std::string_view to_string(effect_result r) {
    switch (r) {
    case effect_result::done:
        return "done";
    case effect_result::retry:
        return "retry";
    case effect_result::failed:
        return "failed";
    }
    return "unknown";
}

double unix_seconds(time_point t) {
    return static_cast<double>(t.time_since_epoch().count());
}

} // namespace

siren_metrics::siren_metrics(const store::sqlite_store& store, const clock& clock,
                             std::string version)
    : envelopes_received_(registry_.add_counter(
          "siren_envelopes_received_total",
          "Envelopes received from Slack: Socket Mode envelopes and HTTP-mode deliveries.",
          {"type"}))
    , envelopes_acked_(registry_.add_counter(
          "siren_envelopes_acked_total",
          "Envelopes acknowledged to Slack (the Socket Mode ack sent, the HTTP answer given).",
          {"type"}))
    , envelope_ack_seconds_(registry_.add_histogram(
          "siren_envelope_ack_seconds",
          "Seconds from an envelope's receipt to its ack; Slack's deadline is 3 s.", {"type"},
          ack_buckets))
    , commands_(registry_.add_counter(
          "siren_commands_total",
          "Commands handled, by subcommand and result (changed, answered, asked, duplicate, "
          "failed).",
          {"command", "result"}))
    , effects_(registry_.add_counter(
          "siren_effects_total",
          "Attempts at effects from the outbox, by effect kind and result (done, retry, failed).",
          {"kind", "result"}))
    , pages_sent_(registry_.add_counter("siren_pages_sent_total",
                                        "Pages the paging provider accepted, by provider.",
                                        {"provider"}))
    , slack_ratelimited_(registry_.add_counter(
          "siren_slack_ratelimited_total",
          "Slack Web API calls answered with HTTP 429 (rate limited), by method.", {"method"}))
    , socket_reconnects_(registry_.add_counter(
          "siren_socket_reconnects_total",
          "Socket Mode connections opened after the first: Slack's refreshes and reconnections "
          "after a lost connection.")) {
    for (std::string_view type : envelope_types) {
        envelopes_received_.with({std::string(type)});
        envelopes_acked_.with({std::string(type)});
        envelope_ack_seconds_.with({std::string(type)});
    }
    registry_.add_gauge_from(
        "siren_slack_socket_connected",
        "1 while the Slack Socket Mode connection is up, else 0; absent in HTTP mode.", {}, [this] {
            if (!socket_connected_)
                return std::vector<sample>{};
            return std::vector<sample>{{.labels = {}, .value = socket_connected_() ? 1.0 : 0.0}};
        });
    registry_.add_counter_from(
        "siren_pages_acknowledged_total",
        "Pages acknowledged (button, /119 ack or the provider), by the provider that sent them; "
        "read from the database.",
        {"provider"}, [&store] {
            std::vector<sample> samples;
            for (const auto& [provider, count] : store.acknowledged_pages_by_provider())
                samples.push_back({.labels = {provider}, .value = static_cast<double>(count)});
            return samples;
        });
    registry_.add_gauge_from(
        "siren_open_incidents", "Incidents not yet resolved, by severity.", {"severity"}, [&store] {
            auto open = store.open_incidents_by_severity();
            std::vector<sample> samples;
            for (severity level : all_severities) {
                auto found = open.find(level);
                double count = found == open.end() ? 0.0 : static_cast<double>(found->second);
                samples.push_back({.labels = {std::string(to_string(level))}, .value = count});
            }
            return samples;
        });
    registry_.add_gauge_from(
        "siren_outbox_pending", "Effects in the outbox not yet done or given up on.", {}, [&store] {
            return std::vector<sample>{
                {.labels = {}, .value = static_cast<double>(store.pending_effects())}};
        });
    registry_.add_gauge_from(
        "siren_outbox_oldest_pending_seconds",
        "Age of the oldest pending effect in the outbox; 0 when none is pending.", {},
        [&store, &clock] {
            auto oldest = store.oldest_pending_effect();
            double age = oldest ? unix_seconds(clock.now()) - unix_seconds(*oldest) : 0.0;
            return std::vector<sample>{{.labels = {}, .value = age > 0 ? age : 0.0}};
        });
    registry_.add_gauge_from("siren_build_info", "The running siren's version; always 1.",
                             {"version"}, [version = std::move(version)] {
                                 return std::vector<sample>{{.labels = {version}, .value = 1}};
                             });
    registry_.add_gauge_from("process_start_time_seconds",
                             "Start time of the process since the unix epoch, in seconds.", {},
                             [started = unix_seconds(clock.now())] {
                                 return std::vector<sample>{{.labels = {}, .value = started}};
                             });
}

void siren_metrics::envelope_received(std::string_view type) {
    envelopes_received_.with({envelope_label(type)}).inc();
}

void siren_metrics::envelope_acked(std::string_view type,
                                   std::chrono::steady_clock::duration took) {
    std::string label = envelope_label(type);
    envelopes_acked_.with({label}).inc();
    envelope_ack_seconds_.with({label}).observe(std::chrono::duration<double>(took).count());
}

void siren_metrics::command_handled(const commands::command_input& input, command_result result) {
    commands_.with({commands::subcommand_of(input), std::string(to_string(result))}).inc();
}

void siren_metrics::effect_finished(const effect& e, effect_result result) {
    effects_.with({std::string(kind_of(e)), std::string(to_string(result))}).inc();
}

void siren_metrics::page_sent(std::string_view provider) {
    pages_sent_.with({std::string(provider)}).inc();
}

void siren_metrics::slack_ratelimited(std::string_view method) {
    slack_ratelimited_.with({std::string(method)}).inc();
}

void siren_metrics::socket_reconnecting() {
    socket_reconnects_.with({}).inc();
}

void siren_metrics::watch_socket(std::function<bool()> connected) {
    socket_connected_ = std::move(connected);
}

} // namespace siren
