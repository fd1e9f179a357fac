#pragma once
// The shell's workspace: every call the effects runner makes is printed for the person at the
// terminal, as Slack would show it. No logic lives here: what to do was decided before.

#include "adapters/chat_workspace.hpp"
#include "adapters/pager.hpp"

#include <map>
#include <ostream>
#include <set>

namespace siren::adapters::console {

class console_workspace final : public chat_workspace, public pager {
public:
    explicit console_workspace(std::ostream& out);

    boost::asio::awaitable<call_result<std::string>> create_channel(std::string name,
                                                                    bool is_private) override;
    boost::asio::awaitable<call_result<>> invite(std::string channel,
                                                 std::vector<user_id> users) override;
    boost::asio::awaitable<call_result<>> set_topic(std::string channel,
                                                    std::string topic) override;
    boost::asio::awaitable<call_result<std::string>> post_message(std::string channel,
                                                                  std::string text,
                                                                  std::vector<button> buttons,
                                                                  std::string mark) override;
    boost::asio::awaitable<call_result<>> update_message(std::string channel,
                                                         std::string message_id, std::string text,
                                                         std::vector<button> buttons) override;
    boost::asio::awaitable<call_result<>> pin(std::string channel, std::string message_id) override;
    boost::asio::awaitable<call_result<>> notify_user(user_id user, std::string text,
                                                      std::string mark) override;
    boost::asio::awaitable<call_result<>> archive_channel(std::string channel) override;
    boost::asio::awaitable<call_result<>> set_group_members(std::string group,
                                                            std::vector<user_id> users) override;
    boost::asio::awaitable<call_result<>> upload_file(std::string channel, std::string filename,
                                                      std::string title, std::string content,
                                                      std::string comment) override;
    // What this process printed: a terminal keeps nothing across runs.
    boost::asio::awaitable<call_result<std::optional<std::string>>>
    find_marked(std::string channel_or_user, std::string mark) override;
    boost::asio::awaitable<call_result<std::vector<std::string>>>
    channels_created_as(std::string name) override;
    boost::asio::awaitable<call_result<bool>> file_shared(std::string channel, std::string filename,
                                                          std::string title,
                                                          time_point since) override;

    std::string_view provider() const override { return "shell"; }
    boost::asio::awaitable<call_result<>> trigger(page_user page) override;
    boost::asio::awaitable<call_result<>> acknowledge(std::string dedup_key) override;
    boost::asio::awaitable<call_result<>> resolve(std::string dedup_key) override;

    // Channels that exist in this workspace (created by siren, or joined by the person).
    bool has_channel(std::string_view name) const;
    void add_channel(std::string name);

private:
    void print(std::string_view where, std::string_view text);

    std::ostream& out_;
    std::set<std::string, std::less<>> channels_;
    std::map<std::string, std::string, std::less<>> marked_; // "<where>/<mark>" → message id
    std::set<std::string, std::less<>> files_;               // "<channel>/<filename>/<title>"
    int next_message_ = 1;
};

} // namespace siren::adapters::console
