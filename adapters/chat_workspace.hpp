#pragma once
// The chat platform as the effects runner sees it. Slack implements it over the Web API, the
// shell by printing. A channel argument is the platform's channel id when siren knows it, else
// the channel's name (without '#').

#include "adapters/call_result.hpp"
#include "core/effect.hpp"
#include "core/incident.hpp"

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
    // Returns the message's id (Slack's ts). Buttons may be empty.
    [[nodiscard]] virtual boost::asio::awaitable<call_result<std::string>>
    post_message(std::string channel, std::string text, std::vector<button> buttons) = 0;
    [[nodiscard]] virtual boost::asio::awaitable<call_result<>>
    update_message(std::string channel, std::string message_id, std::string text,
                   std::vector<button> buttons) = 0;
    [[nodiscard]] virtual boost::asio::awaitable<call_result<>> pin(std::string channel,
                                                                    std::string message_id) = 0;
    [[nodiscard]] virtual boost::asio::awaitable<call_result<>> notify_user(user_id user,
                                                                            std::string text) = 0;
    // An archived channel counts as done.
    [[nodiscard]] virtual boost::asio::awaitable<call_result<>>
    archive_channel(std::string channel) = 0;
    // The user group holds exactly `users` afterwards.
    [[nodiscard]] virtual boost::asio::awaitable<call_result<>>
    set_group_members(std::string group, std::vector<user_id> users) = 0;
};

} // namespace siren::adapters
