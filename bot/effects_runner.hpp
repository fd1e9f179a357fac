#pragma once
// Works the outbox: carries out each stored effect once, in order within an incident, retrying
// transient failures with backoff, and writes results (channel ids, message ids, pages) back to
// the store. A crash at any point resumes from the outbox on the next start.

#include "adapters/chat_workspace.hpp"
#include "adapters/pager.hpp"
#include "adapters/status_host.hpp"
#include "adapters/tracker.hpp"
#include "bot/clock.hpp"
#include "bot/siren_metrics.hpp"
#include "bot/task_group.hpp"
#include "store/sqlite_store.hpp"

#include <chrono>
#include <random>
#include <set>
#include <string_view>
#include <utility>

#include <boost/asio/awaitable.hpp>
#include <boost/asio/steady_timer.hpp>

namespace siren {

// Where pages go: the configured provider, and when it cannot be reached a fallback (Slack DM)
// once a page has failed for fallback_after, or at once when the provider refused it for good.
struct paging_route {
    adapters::pager& primary;
    adapters::pager* fallback = nullptr; // none, or the same as primary: no fallback
    seconds fallback_after{120};
};

// A service outside Slack whose failures the incident's channel hears of: what it is called
// there, and the config section to check when it refuses for good.
struct outside_service {
    std::string_view name;    // "issue tracker"
    std::string_view section; // "tracker"
};

class effects_runner {
public:
    // A call that takes longer than delay_notice_after (Slack's rate limits, usually) makes
    // siren tell the incident's channel, once, that its updates are delayed.
    effects_runner(boost::asio::any_io_executor executor, store::sqlite_store& store,
                   adapters::chat_workspace& chat, paging_route pagers, const clock& clock,
                   siren_metrics& metrics,
                   std::chrono::milliseconds delay_notice_after = std::chrono::seconds(5));

    // Carries out every effect that is due now, and those that become due while it works.
    [[nodiscard]] boost::asio::awaitable<void> drain();

    // Drains, then sleeps until the next effect is due or wake() is called; until cancelled.
    [[nodiscard]] boost::asio::awaitable<void> run();

    // New effects were stored: stop sleeping.
    void wake();

    // Where the relative paths of write_file effects start: the database's directory, so that
    // files land beside the state they come from. Default: the working directory.
    void write_files_under(std::string directory) { files_directory_ = std::move(directory); }

    // Where create_tracker_issue and update_tracker_issue effects go; none (the default):
    // they fail for good. The tracker must outlive the runner.
    void track_issues_with(adapters::tracker* tracker) { tracker_ = tracker; }

    // Where mirror_status effects go; none (the default): they fail for good. The host must
    // outlive the runner.
    void mirror_status_with(adapters::status_host* host) { status_host_ = host; }

    // For shutting down: run() carries out what is due, then returns instead of sleeping.
    // True once it has returned (or never ran).
    void finish();
    bool finished() const { return !running_; }

private:
    // Starts the due effects of lanes that have none in flight, as many as lanes are free, and
    // every due page.
    void start_due();
    void start(store::outbox_item item);
    // Carries out one effect, then frees its lane.
    [[nodiscard]] boost::asio::awaitable<void> work(store::outbox_item item);
    // Until an effect is due that was not due before, or wake() is called.
    [[nodiscard]] boost::asio::awaitable<void> sleep_until_next_due();
    [[nodiscard]] boost::asio::awaitable<void> execute(store::outbox_item item);
    [[nodiscard]] boost::asio::awaitable<adapters::call_result<>> perform(store::outbox_item item);

    // An unsure effect (store::outbox_item::unsure) first looks for what an earlier attempt
    // may have done: the channel it created, the message it posted.
    [[nodiscard]] boost::asio::awaitable<adapters::call_result<>> create(store::outbox_item item,
                                                                         create_channel e);
    [[nodiscard]] boost::asio::awaitable<adapters::call_result<>> post(store::outbox_item item,
                                                                       post_message message);
    [[nodiscard]] boost::asio::awaitable<adapters::call_result<>> notify(store::outbox_item item,
                                                                         notify_user e);
    // The message an earlier attempt of an unsure effect posted; nullopt when it is sure or
    // none was posted.
    [[nodiscard]] boost::asio::awaitable<adapters::call_result<std::optional<std::string>>>
    posted_before(const store::outbox_item& item, std::string channel_or_user);
    [[nodiscard]] boost::asio::awaitable<adapters::call_result<>> update(store::outbox_item item,
                                                                         update_message message);
    // An unsure upload first asks whether the file was shared since the effect was decided.
    [[nodiscard]] boost::asio::awaitable<adapters::call_result<>> upload(store::outbox_item item,
                                                                         post_file file);

    [[nodiscard]] boost::asio::awaitable<adapters::call_result<>> page(store::outbox_item item,
                                                                       page_user page);
    // Whether an earlier attempt of an unsure page got through (by either pager); if so the
    // page is recorded as sent.
    [[nodiscard]] boost::asio::awaitable<adapters::call_result<bool>>
    paged_before(const store::outbox_item& item, const page_user& page);
    // The pager a page was sent through, for acknowledging or resolving it there.
    adapters::pager& pager_of(const std::string& dedup_key) const;

    // An unsure create first looks for the issue by its marker label.
    [[nodiscard]] boost::asio::awaitable<adapters::call_result<>>
    open_issue(store::outbox_item item, create_tracker_issue e);
    [[nodiscard]] boost::asio::awaitable<adapters::call_result<>>
    sync_issue(update_tracker_issue e);
    // Tells the incident's channel, once until it answers again, that a service outside Slack
    // (the issue tracker, the hosted status page) did not take an effect.
    void tell_service_down(const outside_service& service, incident_id incident,
                           const adapters::failure& why);
    // After an effect of `service` went through: a failure told before is over.
    void service_answers(const outside_service& service, incident_id incident);
    // A message for the incident's channel, carried out in the incident's lane: it waits for the
    // channel to exist, and is posted once.
    void tell_in_lane(incident_id incident, std::string text);

    // The host's incident made or brought up to date (effects_runner_status.cpp). An unsure
    // effect whose incident has no host id yet first looks among the host's open incidents of
    // its name for one no other incident has.
    [[nodiscard]] boost::asio::awaitable<adapters::call_result<>>
    mirror(const store::outbox_item& item, const mirror_status& e);

    [[nodiscard]] boost::asio::awaitable<void> tell_delayed(incident_id incident);
    [[nodiscard]] boost::asio::awaitable<void> tell_incident(incident_id incident,
                                                             std::string text);

    // The platform's id for a channel siren created, else the name itself.
    std::string channel_argument(const std::string& channel) const;

    boost::asio::steady_timer wakeup_;
    task_group workers_;               // one per effect in flight
    std::set<std::int64_t> in_flight_; // their outbox ids
    store::sqlite_store& store_;
    adapters::chat_workspace& chat_;
    paging_route pagers_;
    const clock& clock_;
    siren_metrics& metrics_;
    std::chrono::milliseconds delay_notice_after_;
    std::set<incident_id> told_delayed_; // once per incident while siren runs
    // The services outside Slack told failing, by the incident told.
    std::set<std::pair<std::string_view, incident_id>> told_down_;
    adapters::tracker* tracker_ = nullptr;
    adapters::status_host* status_host_ = nullptr;
    std::string files_directory_;
    bool woken_ = false; // since the runner last looked for due effects
    bool finishing_ = false;
    bool running_ = false;
    std::minstd_rand jitter_{std::random_device{}()};
};

} // namespace siren
