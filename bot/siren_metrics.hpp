#pragma once
// Every metric siren exports (docs/operations.md, "Metrics", lists them), declared once.
// Components take one siren_metrics& and say what happened by name; none spells a metric's name
// or picks its label values. Label values are bounded here: an envelope type Slack adds later is
// "other", a command siren has no table entry for is "unknown", so that nothing a person types
// can become a time series. What lives in the database (open incidents, the outbox, acknowledged
// pages) is read from it at every scrape instead of being counted twice.
//
// Used on the one io_context thread only, like the registry under it.

#include "bot/clock.hpp"
#include "commands/command.hpp"
#include "core/effect.hpp"
#include "core/metrics.hpp"
#include "store/sqlite_store.hpp"

#include <chrono>
#include <functional>
#include <string>
#include <string_view>

namespace siren {

// What the dispatcher made of a command.
enum class command_result {
    changed,   // a decision was stored: state, timeline, effects or timers
    answered,  // a reply and nothing else: help, status, a list, a refusal, a usage error
    asked,     // a form to fill in before anything is done (a Slack modal)
    duplicate, // a redelivery of an envelope already processed: nothing was done again
    failed,    // the decision could not be stored: nothing changed
};

// What one attempt at an effect came to: the effects runner's mark_done, mark_retry and
// mark_failed.
enum class effect_result { done, retry, failed };

class siren_metrics {
public:
    // store and clock are read at every scrape and must outlive this object. version is
    // siren_build_info's label; the clock's time now is process_start_time_seconds.
    siren_metrics(const store::sqlite_store& store, const clock& clock, std::string version);
    // The scrape-time readers hold `this`.
    siren_metrics(const siren_metrics&) = delete;
    siren_metrics& operator=(const siren_metrics&) = delete;

    // A Socket Mode envelope or an HTTP-mode delivery arrived; type is the envelope's
    // ("slash_commands", "interactive", "events_api").
    void envelope_received(std::string_view type);
    // Its ack went out (Socket Mode) or its answer was handed to the web server (HTTP mode),
    // `took` after it arrived.
    void envelope_acked(std::string_view type, std::chrono::steady_clock::duration took);

    // A command was handled: by a slash command, a button or a submitted form.
    void command_handled(const commands::command_input& input, command_result result);

    // The effects runner: one attempt at an effect, and a page the provider accepted.
    void effect_finished(const effect& e, effect_result result);
    void page_sent(std::string_view provider);

    // Slack answered a Web API call with HTTP 429.
    void slack_ratelimited(std::string_view method);
    // The Socket Mode session opens a connection other than its first (Slack's routine refresh,
    // or after a connection was lost).
    void socket_reconnecting();
    // How to tell whether the Slack socket is up. Unset (HTTP mode) leaves
    // siren_slack_socket_connected without a value rather than a false 0.
    void watch_socket(std::function<bool()> connected);

    // The text of GET /metrics (metrics::content_type). Throws what the store throws.
    std::string render() const { return registry_.render(); }

private:
    metrics::registry registry_;
    metrics::counter_family& envelopes_received_;
    metrics::counter_family& envelopes_acked_;
    metrics::histogram_family& envelope_ack_seconds_;
    metrics::counter_family& commands_;
    metrics::counter_family& effects_;
    metrics::counter_family& pages_sent_;
    metrics::counter_family& slack_ratelimited_;
    metrics::counter_family& socket_reconnects_;
    std::function<bool()> socket_connected_;
};

} // namespace siren
