#include "adapters/slack/rate_limiter.hpp"

#include <algorithm>
#include <array>
#include <utility>

namespace siren::slack {

namespace {

using std::chrono::steady_clock;

constexpr std::string_view post_message = "chat.postMessage";

// slack-api-ref's method metadata.
constexpr std::array<std::pair<std::string_view, rate>, 24> method_rates{{
    {"apps.connections.open", tier_3},
    {"bookmarks.add", tier_2},
    {"chat.postEphemeral", tier_4},
    {"chat.update", tier_3},
    {"conversations.archive", tier_2},
    {"conversations.create", tier_2},
    {"conversations.info", tier_3},
    {"conversations.invite", tier_3},
    {"conversations.join", tier_3},
    {"conversations.rename", tier_2},
    {"conversations.setPurpose", tier_2},
    {"conversations.setTopic", tier_2},
    {"conversations.unarchive", tier_2},
    {"files.completeUploadExternal", tier_4},
    {"files.getUploadURLExternal", tier_4},
    {"files.list", tier_3},
    {"pins.add", tier_2},
    {"reactions.add", tier_3},
    {"usergroups.users.update", tier_2},
    {"users.info", tier_4},
    {"users.lookupByEmail", tier_3},
    {"views.open", tier_4},
    {"views.push", tier_4},
    {"views.update", tier_4},
}};

steady_clock::duration tolerance(rate r) {
    return (r.burst - 1) * r.interval;
}

} // namespace

rate rate_of(std::string_view method) {
    if (method == post_message)
        return post_message_per_channel;
    auto known = std::find_if(method_rates.begin(), method_rates.end(),
                              [&](const auto& entry) { return entry.first == method; });
    return known == method_rates.end() ? tier_2 : known->second;
}

steady_clock::duration rate_limiter::reserve(const std::string& key, rate r, steady_time now) {
    steady_time& due = next_due_[key];
    due = std::max(due, now);
    steady_clock::duration wait =
        std::max(due - tolerance(r) - now, steady_clock::duration::zero());
    due += r.interval;
    return wait;
}

steady_clock::duration rate_limiter::wait_for(std::string_view method, std::string_view channel,
                                              steady_time now) {
    std::string key(method);
    if (method == post_message)
        key.append(" ").append(channel);
    steady_clock::duration wait = reserve(key, rate_of(method), now);
    if (auto paused = paused_until_.find(method); paused != paused_until_.end())
        wait = std::max(wait, paused->second - now);
    return wait;
}

void rate_limiter::pause(std::string_view method, steady_time until) {
    auto [paused, added] = paused_until_.try_emplace(std::string(method), until);
    if (!added)
        paused->second = std::max(paused->second, until);
    if (method != post_message) {
        // Due at until + tolerance: the first call goes out at `until`, the next one interval on.
        steady_time& due = next_due_[std::string(method)];
        due = std::max(due, until + tolerance(rate_of(method)));
    }
}

} // namespace siren::slack
