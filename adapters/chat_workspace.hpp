#pragma once
// The chat platform as the effects runner sees it. Slack implements it over the Web API, the
// shell by printing. A channel argument is the platform's channel id when siren knows it, else
// the channel's name (without '#').

#include "adapters/call_result.hpp"
#include "core/effect.hpp"
#include "core/incident.hpp"

#include <optional>
#include <string>
#include <vector>

#include <boost/asio/awaitable.hpp>

namespace siren::adapters {

class chat_workspace {
public:
    virtual ~chat_workspace() = default;

    // Returns the new channel's id.
    [[nodiscard]] virtual boost::asio::awaitable<call_result<std::string>>
    create_channel(std::string name, bool is_private) = 0;
    [[nodiscard]] virtual boost::asio::awaitable<call_result<>>
    invite(std::string channel, std::vector<user_id> users) = 0;
    [[nodiscard]] virtual boost::asio::awaitable<call_result<>> set_topic(std::string channel,
                                                                          std::string topic) = 0;
    // Returns the message's id (Slack's ts). Buttons may be empty. A non-empty `mark` (the
    // effect's idempotency key) goes with the message, invisibly, so that find_marked can tell
    // later whether it was posted.
    [[nodiscard]] virtual boost::asio::awaitable<call_result<std::string>>
    post_message(std::string channel, std::string text, std::vector<button> buttons,
                 std::string mark) = 0;
    [[nodiscard]] virtual boost::asio::awaitable<call_result<>>
    update_message(std::string channel, std::string message_id, std::string text,
                   std::vector<button> buttons) = 0;
    [[nodiscard]] virtual boost::asio::awaitable<call_result<>> pin(std::string channel,
                                                                    std::string message_id) = 0;
    // A direct message; `mark` as for post_message.
    [[nodiscard]] virtual boost::asio::awaitable<call_result<>>
    notify_user(user_id user, std::string text, std::string mark) = 0;
    // An archived channel counts as done.
    [[nodiscard]] virtual boost::asio::awaitable<call_result<>>
    archive_channel(std::string channel) = 0;
    // The user group holds exactly `users` afterwards.
    [[nodiscard]] virtual boost::asio::awaitable<call_result<>>
    set_group_members(std::string group, std::vector<user_id> users) = 0;
    // Shares a text file in a channel, with `comment` as its message (may be empty). Not
    // idempotent: before retrying an upload whose answer was lost, ask file_shared.
    [[nodiscard]] virtual boost::asio::awaitable<call_result<>>
    upload_file(std::string channel, std::string filename, std::string title, std::string content,
                std::string comment) = 0;

    // A link kept at the top of a channel (Slack's bookmarks), e.g. the incident's issue.
    // Platforms without bookmarks do nothing.
    [[nodiscard]] virtual boost::asio::awaitable<call_result<>>
    add_bookmark(std::string /*channel*/, std::string /*title*/, std::string /*link*/) {
        co_return succeeded();
    }

    // Finding out whether a call whose answer was lost took effect, before making it again.
    //
    // The id of the recent message marked `mark` in a channel (or, for a user id, in the direct
    // messages with that user); nullopt when there is none.
    [[nodiscard]] virtual boost::asio::awaitable<call_result<std::optional<std::string>>>
    find_marked(std::string channel_or_user, std::string mark) = 0;
    // The ids of the open channels siren itself created under `name` or one of the numbered
    // names create_channel falls back to ("name-2", …), in that order.
    [[nodiscard]] virtual boost::asio::awaitable<call_result<std::vector<std::string>>>
    channels_created_as(std::string name) = 0;
    // Whether a file named `filename` with `title` was shared in the channel at or after `since`.
    [[nodiscard]] virtual boost::asio::awaitable<call_result<bool>>
    file_shared(std::string channel, std::string filename, std::string title, time_point since) = 0;
};

} // namespace siren::adapters
