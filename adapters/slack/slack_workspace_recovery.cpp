// slack_workspace: finding out whether a call whose answer was lost took effect (a message by the
// mark it carries in its metadata, a channel by its name and creator), so that it is not made
// twice.

#include "adapters/slack/json_access.hpp"
#include "adapters/slack/slack_workspace.hpp"

#include <algorithm>

namespace siren::slack {

namespace asio = boost::asio;
using adapters::call_result;
using adapters::failed;
using detail::json;

namespace {

// How far back a lost message is looked for. The effect that posted it holds back its incident's
// later effects, so siren has posted nothing after it there; people may have, and a hundred
// messages is more than an incident channel sees while siren retries.
constexpr std::string_view recent_messages = "100";

// conversations.list pages: Slack's largest.
constexpr std::string_view channels_per_page = "1000";

bool is_user_id(std::string_view id) {
    return id.size() > 1 && (id[0] == 'U' || id[0] == 'W') &&
           std::all_of(id.begin(), id.end(),
                       [](char c) { return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); });
}

bool has_mark(const json& message, std::string_view mark) {
    const json* metadata = detail::find(message, {"metadata"});
    return metadata && detail::text_at(*metadata, {"event_type"}) == detail::message_mark_event &&
           detail::text_at(*metadata, {"event_payload", "effect"}) == mark;
}

} // namespace

json detail::message_metadata(std::string_view mark) {
    return {{"event_type", message_mark_event}, {"event_payload", {{"effect", mark}}}};
}

asio::awaitable<call_result<std::string>> slack_workspace::bot_user_id() {
    if (!bot_user_.empty())
        co_return bot_user_;
    auto answer = co_await api_.call("auth.test", "{}");
    if (!answer)
        co_return failed(answer.error());
    auto parsed = detail::parse_object(*answer);
    bot_user_ = parsed ? detail::text_at(*parsed, {"user_id"}) : std::string();
    if (bot_user_.empty())
        co_return failed({.retryable = false, .message = "auth.test answered without a user_id"});
    co_return bot_user_;
}

asio::awaitable<call_result<std::vector<listed_channel>>> slack_workspace::open_channels() {
    std::vector<listed_channel> channels;
    std::string cursor;
    do {
        form_fields fields{{"types", "public_channel,private_channel"},
                           {"exclude_archived", "true"},
                           {"limit", std::string(channels_per_page)}};
        if (!cursor.empty())
            fields.emplace_back("cursor", cursor);
        auto answer = co_await api_.call_form("conversations.list", std::move(fields));
        if (!answer)
            co_return failed(answer.error());
        auto page = detail::parse_object(*answer);
        const json* listed = page ? detail::find(*page, {"channels"}) : nullptr;
        if (!listed || !listed->is_array())
            co_return failed(
                {.retryable = true, .message = "conversations.list answered without channels"});
        for (const json& c : *listed)
            if (c.is_object())
                channels.push_back({.id = detail::text_at(c, {"id"}),
                                    .name = detail::text_at(c, {"name"}),
                                    .creator = detail::text_at(c, {"creator"})});
        cursor = detail::text_at(*page, {"response_metadata", "next_cursor"});
    } while (!cursor.empty());
    co_return channels;
}

asio::awaitable<call_result<std::vector<std::string>>>
slack_workspace::channels_created_as(std::string name) {
    auto bot = co_await bot_user_id();
    if (!bot)
        co_return failed(bot.error());
    auto channels = co_await open_channels();
    if (!channels)
        co_return failed(channels.error());
    std::vector<std::string> created;
    for (int n = 1; n <= max_channel_name_attempts; ++n)
        for (const listed_channel& c : *channels)
            if (c.creator == *bot && c.name == numbered_name(name, n))
                created.push_back(c.id);
    co_return created;
}

asio::awaitable<call_result<std::optional<std::string>>>
slack_workspace::find_marked(std::string channel_or_user, std::string mark) {
    std::string channel = resolve_channel(channel_or_user);
    if (is_user_id(channel)) {
        form_fields open{{"users", channel}};
        auto opened = co_await api_.call_form("conversations.open", std::move(open));
        if (!opened)
            co_return failed(opened.error());
        auto parsed = detail::parse_object(*opened);
        channel = parsed ? detail::text_at(*parsed, {"channel", "id"}) : std::string();
    } else if (channel.starts_with("#")) {
        // A channel siren did not create: its id from the listing.
        auto channels = co_await open_channels();
        if (!channels)
            co_return failed(channels.error());
        auto named = std::find_if(channels->begin(), channels->end(),
                                  [&](const listed_channel& c) { return "#" + c.name == channel; });
        if (named == channels->end())
            co_return std::nullopt; // nothing of siren's can be in a channel that does not exist
        channel = named->id;
    }
    form_fields history{{"channel", channel},
                        {"limit", std::string(recent_messages)},
                        {"include_all_metadata", "true"}};
    auto answer = co_await api_.call_form("conversations.history", std::move(history));
    if (!answer)
        co_return failed(answer.error());
    auto parsed = detail::parse_object(*answer);
    const json* messages = parsed ? detail::find(*parsed, {"messages"}) : nullptr;
    if (messages && messages->is_array())
        for (const json& m : *messages)
            if (m.is_object() && has_mark(m, mark))
                co_return detail::text_at(m, {"ts"});
    co_return std::nullopt;
}

} // namespace siren::slack
