#pragma once
// The chat workspace in Slack: each call of chat_workspace as Web API calls (protocols.md §3.2),
// with Slack's harmless errors (already_in_channel, already_pinned, ...) taken as success and
// the recoverable ones (name_taken, not_in_channel) recovered from. Also the calls the Socket
// Mode session needs to answer people (modals, ephemeral replies, who someone is).

#include "adapters/chat_workspace.hpp"
#include "adapters/slack/web_api.hpp"

#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace siren::slack {

// The Slack id of a channel siren knows by name ("incident-20260324-checkout" → "C0123");
// nullopt for names it does not know (and for ids).
using channel_lookup = std::function<std::optional<std::string>(std::string_view channel_name)>;

// Channel references siren writes by name become Slack links: <#name>, <#name|label> and a bare
// #name (not inside a word) turn into <#C0123> when channel_id_of knows the name.
// Everything else, unknown names and <@U…> mentions included, stays as it was.
std::string link_channels(std::string_view text, const channel_lookup& channel_id_of);

struct slack_user {
    std::string id;
    std::string name;      // the legacy user name
    std::string real_name; // may be empty
    std::string tz;        // IANA zone, e.g. "Europe/Berlin"; may be empty
};

// One message of a channel, as conversations.history and conversations.replies give it.
struct slack_message {
    std::string ts;
    std::string user; // the author; empty for an integration's post
    std::string text;
    std::string thread_ts; // the thread's first message for a reply (and for that message)
};

// A channel as conversations.list gives it.
struct listed_channel {
    std::string id;
    std::string name;
    std::string creator; // the user id of whoever created it
};

class slack_workspace final : public adapters::chat_workspace {
public:
    // Tries conversations.create with the name, then name-2 … name-20 while Slack answers
    // name_taken.
    static constexpr int max_channel_name_attempts = 20;
    static constexpr std::size_t max_topic_characters = 250;

    // api must outlive the workspace and every call. channel_id_of turns the channel names in
    // effects and texts into ids.
    slack_workspace(web_api& api, channel_lookup channel_id_of);

    // Returns the id of the channel created, whose name may carry a "-2" … suffix.
    [[nodiscard]] boost::asio::awaitable<adapters::call_result<std::string>>
    create_channel(std::string name, bool is_private) override;
    // Several users are invited in one call; when one of them is refused, each is invited on its
    // own so that the others still get in. Those already in the channel count as invited.
    [[nodiscard]] boost::asio::awaitable<adapters::call_result<>>
    invite(std::string channel, std::vector<user_id> users) override;
    // The topic is cut to 250 characters.
    [[nodiscard]] boost::asio::awaitable<adapters::call_result<>>
    set_topic(std::string channel, std::string topic) override;
    // Text (with channel links, see link_channels) as mrkdwn blocks, the text itself as the
    // notification fallback. Returns the message's ts.
    [[nodiscard]] boost::asio::awaitable<adapters::call_result<std::string>>
    post_message(std::string channel, std::string text, std::vector<button> buttons,
                 std::string mark) override;
    [[nodiscard]] boost::asio::awaitable<adapters::call_result<>>
    update_message(std::string channel, std::string message_id, std::string text,
                   std::vector<button> buttons) override;
    [[nodiscard]] boost::asio::awaitable<adapters::call_result<>>
    pin(std::string channel, std::string message_id) override;
    [[nodiscard]] boost::asio::awaitable<adapters::call_result<>>
    add_bookmark(std::string channel, std::string title, std::string link) override;
    // A DM from the bot: chat.postMessage to the user's id opens the conversation.
    [[nodiscard]] boost::asio::awaitable<adapters::call_result<>>
    notify_user(user_id user, std::string text, std::string mark) override;
    // conversations.archive; already_archived counts as done.
    [[nodiscard]] boost::asio::awaitable<adapters::call_result<>>
    archive_channel(std::string channel) override;
    // usergroups.users.update; Slack refuses an empty list (a group keeps at least one member).
    [[nodiscard]] boost::asio::awaitable<adapters::call_result<>>
    set_group_members(std::string group, std::vector<user_id> users) override;
    // conversations.history (include_all_metadata) of the channel, or of the DM that
    // conversations.open gives for a user id: the last 100 messages.
    [[nodiscard]] boost::asio::awaitable<adapters::call_result<std::optional<std::string>>>
    find_marked(std::string channel_or_user, std::string mark) override;
    // conversations.list, with the bot's own user id from auth.test.
    [[nodiscard]] boost::asio::awaitable<adapters::call_result<std::vector<std::string>>>
    channels_created_as(std::string name) override;
    // files.getUploadURLExternal, the bytes to the URL it gives, files.completeUploadExternal
    // with channel_id and initial_comment (with channel links) (slack_files.cpp). A failure
    // before the last call never has outcome_unknown: until then nothing is shared.
    [[nodiscard]] boost::asio::awaitable<adapters::call_result<>>
    upload_file(std::string channel, std::string filename, std::string title, std::string content,
                std::string comment) override;
    // files.list of the channel from `since` on (ts_from, whole seconds), by name and, when
    // given, title; at most 10 pages of 100.
    [[nodiscard]] boost::asio::awaitable<adapters::call_result<bool>>
    file_shared(std::string channel, std::string filename, std::string title,
                time_point since) override;

    // name, then name-2, name-3, …, shortened so that the suffix fits Slack's 80 characters.
    static std::string numbered_name(const std::string& name, int n);

    // chat.postMessage with blocks the caller built (blocks_json: a JSON array) and text as the
    // notification fallback; otherwise as post_message (a user id for a DM). Returns the
    // message's ts.
    [[nodiscard]] boost::asio::awaitable<adapters::call_result<std::string>>
    post_blocks(std::string channel, std::string text, std::string blocks_json,
                std::string mark = {});
    // link_channels with this workspace's channels.
    std::string with_channel_links(std::string_view text) const;

    // views.open with a view from modal_view() (blocks.hpp). trigger_id works once, within 3 s.
    [[nodiscard]] boost::asio::awaitable<adapters::call_result<>> open_modal(std::string trigger_id,
                                                                             std::string view_json);
    // A reply only `user` sees in the channel.
    [[nodiscard]] boost::asio::awaitable<adapters::call_result<>>
    post_ephemeral(std::string channel, user_id user, std::string text);
    [[nodiscard]] boost::asio::awaitable<adapters::call_result<slack_user>> user_info(user_id user);

    // The message `ts` of a channel (an id): conversations.history with latest=ts, inclusive,
    // limit 1; a reply in a thread, which history does not hold, from conversations.replies.
    // Fails (not retryable) with slack_error "message_not_found" when neither has it.
    [[nodiscard]] boost::asio::awaitable<adapters::call_result<slack_message>>
    fetch_message(std::string channel, std::string ts);
    // chat.getPermalink: the message's address for people.
    [[nodiscard]] boost::asio::awaitable<adapters::call_result<std::string>>
    permalink(std::string channel, std::string ts);

private:
    std::string resolve_channel(const std::string& channel) const;
    boost::asio::awaitable<adapters::call_result<>> invite_one_by_one(std::string channel_id,
                                                                      std::vector<user_id> users);

    // Every open channel the bot can see, page by page.
    boost::asio::awaitable<adapters::call_result<std::vector<listed_channel>>> open_channels();
    boost::asio::awaitable<adapters::call_result<std::string>> bot_user_id();
    // The id of a channel given by name or id (methods such as files.completeUploadExternal take
    // ids only); nullopt when no open channel has that name.
    boost::asio::awaitable<adapters::call_result<std::optional<std::string>>>
    channel_id(std::string channel);

    web_api& api_;
    channel_lookup channel_id_of_;
    std::string bot_user_; // from auth.test, once asked
};

} // namespace siren::slack
