#include "bot/effects_runner.hpp"

#include "bot/backoff.hpp"
#include "bot/file_writer.hpp"
#include "commands/tracker_effects.hpp"
#include "core/mention.hpp"
#include "core/on_scope_exit.hpp"

#include <utility>
#include <vector>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <spdlog/spdlog.h>

namespace siren {

namespace asio = boost::asio;
using adapters::call_result;
using adapters::failure;

namespace {
// After this many failed attempts an effect is given up and logged as failed.
constexpr int max_attempts = 20;
// Lanes (incidents, their pages) whose effects are carried out at the same time. An effect
// waiting on a rate limit holds its lane, so there are enough for the others to go on.
constexpr std::size_t max_parallel_lanes = 64;

// A lookup that could not tell whether an earlier attempt took effect: the effect stays unsure,
// so the next attempt looks again rather than acting blindly.
failure still_unsure(failure why) {
    why.outcome_unknown = true;
    return why;
}

// The service outside Slack an effect calls, if any.
std::optional<outside_service> outside_service_of(const effect& e) {
    if (is_tracking(e))
        return outside_service{.name = "issue tracker", .section = "tracker"};
    if (is_mirroring_status(e))
        return outside_service{.name = "hosted status page", .section = "status_mirror"};
    return std::nullopt;
}
} // namespace

effects_runner::effects_runner(asio::any_io_executor executor, store::sqlite_store& store,
                               adapters::chat_workspace& chat, paging_route pagers,
                               const clock& clock, siren_metrics& metrics,
                               std::chrono::milliseconds delay_notice_after)
    : wakeup_(executor)
    , workers_(std::move(executor))
    , store_(store)
    , chat_(chat)
    , pagers_(pagers)
    , clock_(clock)
    , metrics_(metrics)
    , delay_notice_after_(delay_notice_after) {}

void effects_runner::wake() {
    // Remembered, not only signalled: a worker can finish before the runner starts to sleep
    // (co_spawn runs it at once up to its first wait).
    woken_ = true;
    wakeup_.cancel();
}

asio::awaitable<void> effects_runner::drain() {
    for (;;) {
        woken_ = false;
        start_due();
        if (in_flight_.empty() && !woken_)
            co_return;
        co_await sleep_until_next_due();
    }
}

void effects_runner::finish() {
    finishing_ = true;
    wake();
}

asio::awaitable<void> effects_runner::run() {
    running_ = true;
    // However run() ends (returning, or cancelled at a wait), its workers end with it.
    on_scope_exit stopped([this] {
        workers_.cancel_all();
        running_ = false;
    });
    for (;;) {
        woken_ = false;
        start_due();
        if (finishing_ && in_flight_.empty() && !woken_)
            co_return;
        co_await sleep_until_next_due();
        co_await asio::this_coro::throw_if_cancelled();
    }
}

void effects_runner::start_due() {
    time_point now = clock_.now();
    // Pages start even when Slack's calls hold every lane: a page never waits behind them.
    for (auto& item : store_.due_pages(now, static_cast<int>(max_parallel_lanes), in_flight_))
        start(std::move(item));
    if (in_flight_.size() >= max_parallel_lanes)
        return;
    int free_lanes = static_cast<int>(max_parallel_lanes - in_flight_.size());
    for (auto& item : store_.due_effects(now, free_lanes, in_flight_))
        start(std::move(item));
}

void effects_runner::start(store::outbox_item item) {
    if (in_flight_.insert(item.id).second)
        workers_.spawn("effect", work(std::move(item)));
}

asio::awaitable<void> effects_runner::work(store::outbox_item item) {
    // However the effect ends, its lane is free again and the next effect may be due.
    on_scope_exit freed([this, id = item.id] {
        in_flight_.erase(id);
        wake();
    });
    co_await execute(std::move(item));
}

asio::awaitable<void> effects_runner::sleep_until_next_due() {
    // Effects due now but not started are waiting for a lane: a worker that finishes wakes
    // this, as do new effects.
    if (std::exchange(woken_, false))
        co_return;
    auto next = store_.next_effect_due_after(clock_.now());
    auto wait =
        next ? std::chrono::duration_cast<std::chrono::steady_clock::duration>(*next - clock_.now())
             : std::chrono::steady_clock::duration(std::chrono::hours(1));
    wakeup_.expires_after(std::max(wait, std::chrono::steady_clock::duration::zero()));
    auto [ec] = co_await wakeup_.async_wait(asio::as_tuple(asio::use_awaitable));
    (void)ec; // woken early (operation_aborted) or due: either way, look again
    woken_ = false;
}

asio::awaitable<void> effects_runner::execute(store::outbox_item item) {
    auto started = std::chrono::steady_clock::now();
    store_.mark_started(item.id);
    auto result = co_await perform(item);
    bool slow = std::chrono::steady_clock::now() - started > delay_notice_after_ ||
                (!result && result.error().retry_after &&
                 *result.error().retry_after > delay_notice_after_);
    if (slow && item.incident != 0 && !told_delayed_.count(item.incident))
        co_await tell_delayed(item.incident);
    time_point now = clock_.now();
    auto service = outside_service_of(item.action);
    if (result) {
        if (service)
            service_answers(*service, item.incident);
        store_.mark_done(item.id, now);
        metrics_.effect_finished(item.action, effect_result::done);
        co_return;
    }
    const auto& why = result.error();
    if (service && item.incident != 0)
        tell_service_down(*service, item.incident, why);
    if (why.retryable && item.attempts + 1 < max_attempts) {
        std::uniform_real_distribution<double> unit(0.0, 1.0);
        seconds delay =
            retry_delay(item.attempts, unit(jitter_), why.retry_after.value_or(seconds{0}));
        spdlog::warn("{} for incident {} failed (attempt {}): {}; retrying in {}s",
                     kind_of(item.action), item.incident, item.attempts + 1, why.message,
                     delay.count());
        store_.mark_retry(item.id, now + delay, why.message, why.outcome_unknown);
        metrics_.effect_finished(item.action, effect_result::retry);
        co_return;
    }
    spdlog::error("{} for incident {} failed for good after {} attempts: {}", kind_of(item.action),
                  item.incident, item.attempts + 1, why.message);
    store_.mark_failed(item.id, why.message, now);
    metrics_.effect_finished(item.action, effect_result::failed);
}

asio::awaitable<void> effects_runner::tell_delayed(incident_id incident) {
    told_delayed_.insert(incident);
    co_await tell_incident(incident,
                           ":hourglass_flowing_sand: Slack is slowing siren down (rate limits), so "
                           "updates to this channel arrive late. Nothing is lost: each one follows "
                           "as soon as Slack allows.");
}

asio::awaitable<void> effects_runner::tell_incident(incident_id incident, std::string text) {
    auto i = store_.find(incident);
    auto channel = i ? store_.channel_id_for(i->channel_name) : std::nullopt;
    if (!channel)
        co_return; // no channel yet to tell
    if (auto told = co_await chat_.post_message(*channel, std::move(text), std::vector<button>(),
                                                std::string());
        !told)
        spdlog::warn("could not tell incident {}'s channel: {}", incident, told.error().message);
}

asio::awaitable<call_result<bool>> effects_runner::paged_before(const store::outbox_item& item,
                                                                const page_user& page) {
    if (!item.unsure)
        co_return adapters::answer(false);
    for (adapters::pager* pager : {&pagers_.primary, pagers_.fallback}) {
        if (!pager)
            continue;
        auto before = co_await pager->triggered_before(page);
        if (!before)
            co_return adapters::failed(still_unsure(before.error()));
        if (*before) {
            spdlog::info("{} was paged by an earlier attempt ({}); not paging again", page.user,
                         page.dedup_key);
            store_.record_page(item.incident, page, pager->provider(), clock_.now());
            metrics_.page_sent(pager->provider());
            co_return adapters::answer(true);
        }
    }
    co_return adapters::answer(false);
}

asio::awaitable<call_result<>> effects_runner::page(store::outbox_item item, page_user page) {
    auto before = co_await paged_before(item, page);
    if (!before)
        co_return adapters::failed(before.error());
    if (*before)
        co_return adapters::succeeded();
    auto sent = co_await pagers_.primary.trigger(page);
    if (sent) {
        store_.record_page(item.incident, page, pagers_.primary.provider(), clock_.now());
        metrics_.page_sent(pagers_.primary.provider());
        co_return sent;
    }
    adapters::pager* fallback = pagers_.fallback;
    bool give_up_on_primary =
        !sent.error().retryable || clock_.now() - item.created_at >= pagers_.fallback_after;
    if (!fallback || fallback == &pagers_.primary || !give_up_on_primary)
        co_return sent;
    auto by_fallback = co_await fallback->trigger(page);
    if (!by_fallback)
        co_return sent; // keep trying both: the page must reach someone
    store_.record_page(item.incident, page, fallback->provider(), clock_.now());
    metrics_.page_sent(fallback->provider());
    spdlog::error("paging {} through {} failed ({}); paged through {} instead", page.user,
                  pagers_.primary.provider(), sent.error().message, fallback->provider());
    if (item.incident != 0)
        co_await tell_incident(item.incident,
                               ":warning: " + std::string(pagers_.primary.provider()) +
                                   " could not take the page for " + mention(page.user) + " (" +
                                   sent.error().message + "), so siren paged them by " +
                                   std::string(fallback->provider()) + " instead.");
    co_return by_fallback;
}

adapters::pager& effects_runner::pager_of(const std::string& dedup_key) const {
    auto sent = store_.find_page(dedup_key);
    if (sent && pagers_.fallback && sent->provider == pagers_.fallback->provider())
        return *pagers_.fallback;
    return pagers_.primary;
}

std::string effects_runner::channel_argument(const std::string& channel) const {
    return store_.channel_id_for(channel).value_or(channel);
}

asio::awaitable<call_result<>> effects_runner::perform(store::outbox_item item) {
    const effect& action = item.action;
    if (const auto* e = std::get_if<create_channel>(&action))
        co_return co_await create(item, *e);
    if (const auto* e = std::get_if<invite_users>(&action))
        co_return co_await chat_.invite(channel_argument(e->channel), e->users);
    if (const auto* e = std::get_if<set_topic>(&action))
        co_return co_await chat_.set_topic(channel_argument(e->channel), e->topic);
    if (const auto* e = std::get_if<post_message>(&action))
        co_return co_await post(item, *e);
    if (const auto* e = std::get_if<update_message>(&action))
        co_return co_await update(item, *e);
    if (const auto* e = std::get_if<notify_user>(&action))
        co_return co_await notify(item, *e);
    if (const auto* e = std::get_if<archive_channel>(&action))
        co_return co_await chat_.archive_channel(channel_argument(e->channel));
    if (const auto* e = std::get_if<set_group_members>(&action))
        co_return co_await chat_.set_group_members(e->group, e->users);
    if (const auto* e = std::get_if<page_user>(&action))
        co_return co_await page(item, *e);
    if (const auto* e = std::get_if<acknowledge_page>(&action))
        co_return co_await pager_of(e->dedup_key).acknowledge(e->dedup_key);
    if (const auto* e = std::get_if<post_file>(&action))
        co_return co_await upload(item, *e);
    if (const auto* e = std::get_if<create_tracker_issue>(&action))
        co_return co_await open_issue(item, *e);
    if (const auto* e = std::get_if<update_tracker_issue>(&action))
        co_return co_await sync_issue(*e);
    if (const auto* e = std::get_if<write_file>(&action))
        co_return write_file_whole(path_under(files_directory_, e->path), e->content);
    if (const auto* e = std::get_if<add_bookmark>(&action))
        co_return co_await chat_.add_bookmark(channel_argument(e->channel), e->title, e->link);
    if (const auto* e = std::get_if<mirror_status>(&action))
        co_return co_await mirror(item, *e);
    const auto& e = std::get<resolve_page>(action);
    adapters::pager& pager = pager_of(e.dedup_key);
    if (item.unsure) {
        auto before = co_await pager.resolved_before(e.dedup_key);
        if (!before)
            co_return adapters::failed(still_unsure(before.error()));
        if (*before) {
            store_.resolve_page(e.dedup_key, clock_.now());
            co_return adapters::succeeded();
        }
    }
    auto resolved = co_await pager.resolve(e.dedup_key);
    if (resolved)
        store_.resolve_page(e.dedup_key, clock_.now());
    co_return resolved;
}

asio::awaitable<call_result<>> effects_runner::create(store::outbox_item item, create_channel e) {
    // Channel names are unique among incidents: one already recorded under this name was
    // created by this effect, which siren stopped before marking it done.
    std::optional<std::string> id = store_.channel_id_for(e.name);
    if (!id && item.unsure) {
        // The channel an earlier attempt created without siren hearing back is one of siren's
        // own under this name that no other incident has.
        auto created = co_await chat_.channels_created_as(e.name);
        if (!created)
            co_return adapters::failed(still_unsure(created.error()));
        for (const std::string& candidate : *created)
            if (!store_.knows_channel_id(candidate)) {
                spdlog::info("#{} was created by an earlier attempt ({}); not creating it again",
                             e.name, candidate);
                id = candidate;
                break;
            }
    }
    if (!id) {
        auto created = co_await chat_.create_channel(e.name, e.is_private);
        if (!created)
            co_return adapters::failed(created.error());
        id = *created;
    }
    store_.set_channel_id(item.incident, e.name, *id);
    co_return adapters::succeeded();
}

asio::awaitable<call_result<std::optional<std::string>>>
effects_runner::posted_before(const store::outbox_item& item, std::string channel_or_user) {
    if (!item.unsure)
        co_return std::nullopt;
    auto found = co_await chat_.find_marked(std::move(channel_or_user), item.idempotency_key);
    if (!found)
        co_return adapters::failed(still_unsure(found.error()));
    if (*found)
        spdlog::info("effect {} was posted by an earlier attempt; not posting it again",
                     item.idempotency_key);
    co_return *found;
}

asio::awaitable<call_result<>> effects_runner::notify(store::outbox_item item, notify_user e) {
    auto before = co_await posted_before(item, e.user);
    if (!before)
        co_return adapters::failed(before.error());
    if (*before)
        co_return adapters::succeeded();
    co_return co_await chat_.notify_user(e.user, e.text, item.idempotency_key);
}

asio::awaitable<call_result<>> effects_runner::post(store::outbox_item item, post_message message) {
    // A message is remembered under its key (or its outbox row) as soon as it is posted, so a
    // retry after a failed pin never posts it twice.
    std::string key = message.key.empty() ? "outbox-" + std::to_string(item.id) : message.key;
    std::string channel = channel_argument(message.channel);
    auto ts = store_.message_ts(message.channel, key);
    if (!ts) {
        auto before = co_await posted_before(item, channel);
        if (!before)
            co_return adapters::failed(before.error());
        if (*before) {
            ts = **before;
        } else {
            auto posted = co_await chat_.post_message(channel, message.text, message.buttons,
                                                      item.idempotency_key);
            if (!posted)
                co_return adapters::failed(posted.error());
            ts = *posted;
        }
        store_.save_message(item.incident, message.channel, key, *ts);
    }
    if (message.pin)
        co_return co_await chat_.pin(channel, *ts);
    co_return adapters::succeeded();
}

asio::awaitable<call_result<>> effects_runner::update(store::outbox_item item,
                                                      update_message message) {
    auto ts = store_.message_ts(message.channel, message.key);
    if (!ts)
        co_return adapters::failed({.retryable = false,
                                    .message = "no message `" + message.key + "` in #" +
                                               message.channel + " to edit (incident " +
                                               std::to_string(item.incident) + ")"});
    co_return co_await chat_.update_message(channel_argument(message.channel), *ts, message.text,
                                            message.buttons);
}

asio::awaitable<call_result<>> effects_runner::upload(store::outbox_item item, post_file file) {
    std::string channel = channel_argument(file.channel);
    if (item.unsure) {
        auto shared =
            co_await chat_.file_shared(channel, file.filename, file.title, item.created_at);
        if (!shared)
            co_return adapters::failed(still_unsure(shared.error()));
        if (*shared) {
            spdlog::info("{} was shared by an earlier attempt ({}); not uploading it again",
                         file.filename, item.idempotency_key);
            co_return adapters::succeeded();
        }
    }
    co_return co_await chat_.upload_file(channel, file.filename, file.title, file.content,
                                         file.comment);
}

void effects_runner::tell_service_down(const outside_service& service, incident_id incident,
                                       const adapters::failure& why) {
    if (!told_down_.insert({service.name, incident}).second)
        return;
    std::string next =
        why.retryable ? std::string("siren keeps trying")
                      : "siren does not try again: check `" + std::string(service.section) + "`";
    tell_in_lane(incident, ":warning: The " + std::string(service.name) +
                               " did not take siren's change (" + why.message +
                               "). The incident goes on here; " + next + ".");
}

void effects_runner::service_answers(const outside_service& service, incident_id incident) {
    if (told_down_.erase({service.name, incident}) > 0)
        spdlog::info("the {} answers again (incident {})", service.name, incident);
}

void effects_runner::tell_in_lane(incident_id incident, std::string text) {
    auto i = store_.find(incident);
    if (!i)
        return;
    std::vector<effect> notice{post_message{.channel = i->channel_name, .text = std::move(text)}};
    store_.enqueue_effects(incident, notice, clock_.now());
}

asio::awaitable<call_result<>> effects_runner::open_issue(store::outbox_item item,
                                                          create_tracker_issue e) {
    if (!tracker_) {
        adapters::failure refusal{.retryable = false,
                                  .message = "no issue tracker is configured (tracker.kind)"};
        co_return adapters::failed(std::move(refusal));
    }
    std::string marker = e.action == 0 ? adapters::incident_marker(e.incident)
                                       : adapters::action_marker(e.incident, e.action);
    // The incident's issue, once recorded, is linked from its channel by a timer's decision.
    std::optional<timer> link;
    if (e.action == 0)
        link = timer{.id = 0,
                     .kind = std::string(commands::tracker_linked_timer),
                     .incident = e.incident,
                     .due_at = clock_.now()};
    auto known = store_.tracker_issue(e.incident, e.action);
    if (!known && item.unsure) {
        auto found = co_await tracker_->find_issue(marker);
        if (!found)
            co_return adapters::failed(still_unsure(found.error()));
        if (*found) {
            spdlog::info("{} issue {} was created by an earlier attempt; not creating it again",
                         tracker_->kind(), (*found)->key);
            store_.record_tracker_issue(e.incident, e.action, (*found)->key, (*found)->url, link);
            known = store_.tracker_issue(e.incident, e.action);
        }
    }
    if (!known) {
        adapters::new_issue wanted{.title = e.title,
                                   .description = e.description,
                                   .marker = marker,
                                   .incident = e.action == 0,
                                   .level = e.level,
                                   .near_miss = e.near_miss};
        if (e.action != 0)
            wanted.level.reset();
        auto made = co_await tracker_->create_issue(std::move(wanted));
        if (!made)
            co_return adapters::failed(made.error());
        store_.record_tracker_issue(e.incident, e.action, made->key, made->url, link);
    }
    co_return adapters::succeeded();
}

asio::awaitable<call_result<>> effects_runner::sync_issue(update_tracker_issue e) {
    if (!tracker_) {
        adapters::failure refusal{.retryable = false,
                                  .message = "no issue tracker is configured (tracker.kind)"};
        co_return adapters::failed(std::move(refusal));
    }
    auto known = store_.tracker_issue(e.incident, 0);
    if (!known) {
        adapters::failure refusal{.retryable = false,
                                  .message = "incident " + std::to_string(e.incident) +
                                             " has no issue in the tracker to update"};
        co_return adapters::failed(std::move(refusal));
    }
    adapters::issue_state state{.level = e.level, .current = e.current};
    co_return co_await tracker_->update_issue(known->key, state);
}

} // namespace siren
