#include "adapters/slack/slack_workspace.hpp"

#include "adapters/slack/json_access.hpp"
#include "commands/text.hpp"
#include "core/channel_name.hpp"

#include <algorithm>
#include <array>

namespace siren::slack {

namespace asio = boost::asio;
using adapters::call_result;
using adapters::failed;
using adapters::succeeded;
using detail::json;
using detail::to_text;

namespace {

bool is_channel_name_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
}

bool is_word_char(char c) {
    return is_channel_name_char(c) || (c >= 'A' && c <= 'Z');
}

// Refusals that concern one of the users invited, not the channel: worth inviting the others
// one by one.
constexpr std::array<std::string_view, 7> per_user_invite_errors = {
    "already_in_channel", "cant_invite_self", "user_not_found",       "cant_invite",
    "user_is_restricted", "ura_max_channels", "failed_for_some_users"};

bool already_invited(const adapters::failure& why) {
    auto code = slack_error(why);
    return code == "already_in_channel" || code == "cant_invite_self";
}

} // namespace

std::string slack_workspace::numbered_name(const std::string& name, int n) {
    if (n == 1)
        return name;
    std::string suffix = "-" + std::to_string(n);
    std::string base = name.substr(0, max_channel_name - std::min(max_channel_name, suffix.size()));
    while (!base.empty() && base.back() == '-')
        base.pop_back();
    return base + suffix;
}

namespace {

std::string join(const std::vector<user_id>& users) {
    std::string out;
    for (const auto& u : users)
        out.append(out.empty() ? "" : ",").append(u);
    return out;
}

// A call about a channel, made again once after conversations.join when the bot is not in the
// channel (it was never added, or someone removed it).
asio::awaitable<call_result<std::string>> call_in_channel(web_api& api, std::string method,
                                                          std::string channel, std::string body) {
    auto answer = co_await api.call(method, body);
    if (answer || slack_error(answer.error()) != "not_in_channel")
        co_return answer;
    std::string join_body = to_text({{"channel", channel}});
    auto joined = co_await api.call("conversations.join", std::move(join_body));
    if (!joined)
        co_return failed({.retryable = joined.error().retryable,
                          .message = answer.error().message +
                                     ", and joining failed: " + joined.error().message});
    co_return co_await api.call(std::move(method), std::move(body));
}

// chat.postMessage / chat.update / chat.postEphemeral: body holds the channel, the text and what
// else the method needs; blocks go with it unless there are none. When Slack finds the blocks too
// long in all (its limit is undocumented), the text goes alone.
asio::awaitable<call_result<std::string>> blocks_call(web_api& api, std::string method, json body,
                                                      json blocks) {
    std::string channel = detail::text_at(body, {"channel"});
    std::string plain_body = to_text(body);
    if (blocks.empty())
        co_return co_await call_in_channel(api, std::move(method), std::move(channel),
                                           std::move(plain_body));
    body["blocks"] = std::move(blocks);
    auto answer = co_await call_in_channel(api, method, channel, to_text(body));
    if (answer || slack_error(answer.error()) != "msg_blocks_too_long")
        co_return answer;
    co_return co_await call_in_channel(api, std::move(method), std::move(channel),
                                       std::move(plain_body));
}

// The same with the text as mrkdwn sections (message_blocks) and as the fallback.
asio::awaitable<call_result<std::string>> text_call(web_api& api, std::string method, json body,
                                                    std::string text,
                                                    const std::vector<button>& buttons = {}) {
    json blocks = detail::message_block_list(text, buttons);
    body["text"] = std::move(text);
    co_return co_await blocks_call(api, std::move(method), std::move(body), std::move(blocks));
}

// The ts of the message chat.postMessage posted.
call_result<std::string> posted_ts(call_result<std::string> answer) {
    if (!answer)
        return failed(answer.error());
    auto posted = detail::parse_object(*answer);
    std::string ts = posted ? detail::text_at(*posted, {"ts"}) : std::string();
    if (ts.empty())
        return failed({.retryable = false, .message = "chat.postMessage answered ok without a ts"});
    return ts;
}

// The message with this ts among an answer's "messages"; nullopt when none has it.
std::optional<slack_message> message_in(const std::string& answer, const std::string& ts) {
    auto parsed = detail::parse_object(answer);
    const json* messages = parsed ? detail::find(*parsed, {"messages"}) : nullptr;
    if (!messages || !messages->is_array())
        return std::nullopt;
    for (const json& m : *messages)
        if (m.is_object() && detail::text_at(m, {"ts"}) == ts)
            return slack_message{.ts = ts,
                                 .user = detail::text_at(m, {"user"}),
                                 .text = detail::text_at(m, {"text"}),
                                 .thread_ts = detail::text_at(m, {"thread_ts"})};
    return std::nullopt;
}

} // namespace

std::string link_channels(std::string_view text, const channel_lookup& channel_id_of) {
    std::string out;
    out.reserve(text.size());
    std::size_t i = 0;
    while (i < text.size()) {
        if (text.substr(i, 2) == "<#") {
            auto close = text.find('>', i);
            if (close != std::string_view::npos) {
                std::string_view inner = text.substr(i + 2, close - i - 2);
                auto id = channel_id_of(inner.substr(0, inner.find('|')));
                out.append(id ? "<#" + *id + ">" : std::string(text.substr(i, close + 1 - i)));
                i = close + 1;
                continue;
            }
        }
        // A bare #name, but not one inside a word ("C#", "page#anchor") or an unclosed "<#".
        bool bare =
            text[i] == '#' && (i == 0 || (!is_word_char(text[i - 1]) && text[i - 1] != '<'));
        std::size_t end = i + 1;
        while (bare && end < text.size() && is_channel_name_char(text[end]))
            ++end;
        if (auto id = end > i + 1 ? channel_id_of(text.substr(i + 1, end - i - 1)) : std::nullopt) {
            out.append("<#").append(*id).append(">");
            i = end;
            continue;
        }
        out += text[i++];
    }
    return out;
}

slack_workspace::slack_workspace(web_api& api, channel_lookup channel_id_of)
    : api_(api)
    , channel_id_of_(std::move(channel_id_of)) {}

std::string slack_workspace::resolve_channel(const std::string& channel) const {
    if (auto id = channel_id_of_(channel))
        return *id;
    // Slack ids are upper case and channel names lower case. A name siren did not create (the
    // announcement channel) goes as "#name", which chat.postMessage accepts.
    bool is_id =
        std::any_of(channel.begin(), channel.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
    return is_id || channel.empty() ? channel : "#" + channel;
}

std::string slack_workspace::with_channel_links(std::string_view text) const {
    return link_channels(text, channel_id_of_);
}

asio::awaitable<call_result<std::string>> slack_workspace::create_channel(std::string name,
                                                                          bool is_private) {
    for (int n = 1; n <= max_channel_name_attempts; ++n) {
        std::string body = to_text({{"name", numbered_name(name, n)}, {"is_private", is_private}});
        auto answer = co_await api_.call("conversations.create", std::move(body));
        if (!answer) {
            if (slack_error(answer.error()) == "name_taken")
                continue;
            co_return failed(answer.error());
        }
        auto created = detail::parse_object(*answer);
        std::string id = created ? detail::text_at(*created, {"channel", "id"}) : std::string();
        if (id.empty())
            co_return failed({.retryable = false,
                              .message = "conversations.create answered ok without a channel id"});
        co_return id;
    }
    co_return failed({.retryable = false,
                      .message = "conversations.create: name_taken for #" + name + " and " +
                                 numbered_name(name, 2) + " … " +
                                 numbered_name(name, max_channel_name_attempts)});
}

asio::awaitable<call_result<>> slack_workspace::invite(std::string channel,
                                                       std::vector<user_id> users) {
    if (users.empty())
        co_return succeeded();
    std::string id = resolve_channel(channel);
    std::string body = to_text({{"channel", id}, {"users", join(users)}});
    auto answer = co_await call_in_channel(api_, "conversations.invite", id, std::move(body));
    if (answer)
        co_return succeeded();
    if (users.size() == 1 && already_invited(answer.error()))
        co_return succeeded();
    auto code = slack_error(answer.error());
    if (users.size() == 1 || std::find(per_user_invite_errors.begin(), per_user_invite_errors.end(),
                                       code) == per_user_invite_errors.end())
        co_return failed(answer.error());
    co_return co_await invite_one_by_one(std::move(id), std::move(users));
}

asio::awaitable<call_result<>> slack_workspace::invite_one_by_one(std::string channel_id,
                                                                  std::vector<user_id> users) {
    adapters::failure problems{.retryable = false, .message = ""};
    for (const auto& user : users) {
        std::string body = to_text({{"channel", channel_id}, {"users", user}});
        auto answer = co_await api_.call("conversations.invite", std::move(body));
        if (answer || already_invited(answer.error()))
            continue;
        problems.retryable = problems.retryable || answer.error().retryable;
        problems.message +=
            (problems.message.empty() ? "" : "; ") + user + ": " + answer.error().message;
    }
    if (problems.message.empty())
        co_return succeeded();
    co_return failed(std::move(problems));
}

asio::awaitable<call_result<>> slack_workspace::set_topic(std::string channel, std::string topic) {
    std::string id = resolve_channel(channel);
    std::string body =
        to_text({{"channel", id}, {"topic", commands::shorten(topic, max_topic_characters)}});
    co_return without_answer(
        co_await call_in_channel(api_, "conversations.setTopic", id, std::move(body)));
}

asio::awaitable<call_result<std::string>> slack_workspace::post_message(std::string channel,
                                                                        std::string text,
                                                                        std::vector<button> buttons,
                                                                        std::string mark) {
    json body = {{"channel", resolve_channel(channel)}};
    if (!mark.empty())
        body["metadata"] = detail::message_metadata(mark);
    co_return posted_ts(co_await text_call(api_, "chat.postMessage", std::move(body),
                                           with_channel_links(text), buttons));
}

asio::awaitable<call_result<std::string>> slack_workspace::post_blocks(std::string channel,
                                                                       std::string text,
                                                                       std::string blocks_json,
                                                                       std::string mark) {
    json blocks = json::parse(blocks_json, nullptr, /*allow_exceptions=*/false);
    if (!blocks.is_array())
        co_return failed(
            {.retryable = false, .message = "chat.postMessage: the blocks are not a JSON array"});
    json body = {{"channel", resolve_channel(channel)}, {"text", with_channel_links(text)}};
    if (!mark.empty())
        body["metadata"] = detail::message_metadata(mark);
    co_return posted_ts(
        co_await blocks_call(api_, "chat.postMessage", std::move(body), std::move(blocks)));
}

asio::awaitable<call_result<>> slack_workspace::update_message(std::string channel,
                                                               std::string message_id,
                                                               std::string text,
                                                               std::vector<button> buttons) {
    json body = {{"channel", resolve_channel(channel)}, {"ts", message_id}};
    co_return without_answer(co_await text_call(api_, "chat.update", std::move(body),
                                                with_channel_links(text), buttons));
}

asio::awaitable<call_result<>> slack_workspace::pin(std::string channel, std::string message_id) {
    std::string id = resolve_channel(channel);
    std::string body = to_text({{"channel", id}, {"timestamp", message_id}});
    auto answer = co_await call_in_channel(api_, "pins.add", id, std::move(body));
    if (!answer && slack_error(answer.error()) == "already_pinned")
        co_return succeeded();
    co_return without_answer(std::move(answer));
}

asio::awaitable<call_result<>> slack_workspace::add_bookmark(std::string channel, std::string title,
                                                             std::string link) {
    std::string id = resolve_channel(channel);
    std::string body =
        to_text({{"channel_id", id}, {"title", title}, {"type", "link"}, {"link", link}});
    co_return without_answer(co_await call_in_channel(api_, "bookmarks.add", id, std::move(body)));
}

asio::awaitable<call_result<>> slack_workspace::notify_user(user_id user, std::string text,
                                                            std::string mark) {
    // A user id is no channel name: it goes to Slack as it is.
    json body = {{"channel", user}};
    if (!mark.empty())
        body["metadata"] = detail::message_metadata(mark);
    co_return without_answer(
        co_await text_call(api_, "chat.postMessage", std::move(body), with_channel_links(text)));
}

asio::awaitable<call_result<>> slack_workspace::archive_channel(std::string channel) {
    json body = {{"channel", resolve_channel(channel)}};
    auto answer = co_await api_.call("conversations.archive", to_text(body));
    if (!answer && slack_error(answer.error()) == "already_archived")
        co_return succeeded();
    co_return without_answer(std::move(answer));
}

asio::awaitable<call_result<>> slack_workspace::set_group_members(std::string group,
                                                                  std::vector<user_id> users) {
    if (users.empty()) {
        std::string why =
            "usergroups.users.update: a Slack user group cannot be left empty (" + group + ")";
        co_return failed({.retryable = false, .message = std::move(why)});
    }
    std::string list;
    for (const auto& u : users) {
        if (!list.empty())
            list += ',';
        list += u;
    }
    json body = {{"usergroup", group}, {"users", list}};
    co_return without_answer(co_await api_.call("usergroups.users.update", to_text(body)));
}

asio::awaitable<call_result<>> slack_workspace::open_modal(std::string trigger_id,
                                                           std::string view_json) {
    auto view = detail::parse_object(view_json);
    if (!view)
        co_return failed({.retryable = false, .message = "views.open: the view is not JSON"});
    std::string body = to_text({{"trigger_id", trigger_id}, {"view", std::move(*view)}});
    co_return without_answer(co_await api_.call("views.open", std::move(body)));
}

asio::awaitable<call_result<>> slack_workspace::post_ephemeral(std::string channel, user_id user,
                                                               std::string text) {
    json body = {{"channel", resolve_channel(channel)}, {"user", user}};
    co_return without_answer(
        co_await text_call(api_, "chat.postEphemeral", std::move(body), with_channel_links(text)));
}

asio::awaitable<call_result<slack_user>> slack_workspace::user_info(user_id user) {
    form_fields fields{{"user", user}};
    auto answer = co_await api_.call_form("users.info", std::move(fields));
    if (!answer)
        co_return failed(answer.error());
    auto found = detail::parse_object(*answer);
    if (!found || !detail::find(*found, {"user"}))
        co_return failed({.retryable = false, .message = "users.info answered ok without a user"});
    co_return slack_user{.id = detail::text_at(*found, {"user", "id"}),
                         .name = detail::text_at(*found, {"user", "name"}),
                         .real_name = detail::text_at(*found, {"user", "real_name"}),
                         .tz = detail::text_at(*found, {"user", "tz"})};
}

asio::awaitable<call_result<slack_message>> slack_workspace::fetch_message(std::string channel,
                                                                           std::string ts) {
    form_fields history{
        {"channel", channel}, {"latest", ts}, {"inclusive", "true"}, {"limit", "1"}};
    auto answer = co_await api_.call_form("conversations.history", std::move(history));
    if (!answer)
        co_return failed(answer.error());
    if (auto found = message_in(*answer, ts))
        co_return std::move(*found);
    // Not in the channel's history: a reply in a thread (not also sent to the channel). Given a
    // reply's ts, conversations.replies answers with its thread, the first message first.
    form_fields thread{
        {"channel", channel}, {"ts", ts}, {"oldest", ts}, {"latest", ts}, {"inclusive", "true"}};
    auto replies = co_await api_.call_form("conversations.replies", std::move(thread));
    if (!replies && slack_error(replies.error()) != "thread_not_found")
        co_return failed(replies.error());
    if (replies)
        if (auto found = message_in(*replies, ts))
            co_return std::move(*found);
    co_return failed({.retryable = false,
                      .message = "conversations.replies: message_not_found (no message " + ts +
                                 " in " + channel + ")"});
}

asio::awaitable<call_result<std::string>> slack_workspace::permalink(std::string channel,
                                                                     std::string ts) {
    form_fields fields{{"channel", channel}, {"message_ts", ts}};
    auto answer = co_await api_.call_form("chat.getPermalink", std::move(fields));
    if (!answer)
        co_return failed(answer.error());
    auto found = detail::parse_object(*answer);
    std::string link = found ? detail::text_at(*found, {"permalink"}) : std::string();
    if (link.empty())
        co_return failed(
            {.retryable = false, .message = "chat.getPermalink answered ok without a permalink"});
    co_return link;
}

} // namespace siren::slack
