#pragma once
// What arrives from Slack, turned into siren's commands: slash commands and modal submissions go
// to the dispatcher (which records them durably before the envelope is acknowledged); a form is
// opened as a modal; replies ride in the ack or come as an ephemeral message.

#include "adapters/slack/envelope.hpp"
#include "adapters/slack/slack_workspace.hpp"
#include "bot/clock.hpp"
#include "bot/dispatcher.hpp"
#include "bot/effects_runner.hpp"
#include "bot/socket_mode_session.hpp"
#include "bot/task_group.hpp"

#include <optional>
#include <string>

namespace siren {

class slack_inbound final : public envelope_handler {
public:
    slack_inbound(dispatcher& dispatcher, effects_runner& runner, slack::slack_workspace& workspace,
                  const clock& clock, task_group& tasks);

    std::optional<std::string> on_envelope(const slack::envelope& e) override;

private:
    std::optional<std::string> on_command(const slack::envelope& e, slack::slash_command c);
    std::optional<std::string> on_submission(const slack::envelope& e, slack::view_submission v);
    std::optional<std::string> on_button(const slack::envelope& e, slack::block_action a);
    std::optional<std::string> on_event(slack::event_callback event);
    std::optional<std::string> on_shortcut(const slack::envelope& e, slack::message_shortcut s);

    // A message marked for the timeline, fetched (text, author, permalink) after the envelope
    // was acknowledged, then dispatched.
    [[nodiscard]] boost::asio::awaitable<void> copy_reacted(slack::event_callback reaction);
    [[nodiscard]] boost::asio::awaitable<void> copy_shortcut(std::string envelope_id,
                                                             slack::message_shortcut s);
    // The message's permalink; empty (and logged) when Slack would not give it.
    [[nodiscard]] boost::asio::awaitable<std::string> permalink_of(std::string channel,
                                                                   std::string ts);

    [[nodiscard]] boost::asio::awaitable<void> open_modal(std::string trigger_id, std::string view);
    [[nodiscard]] boost::asio::awaitable<void> tell(std::string channel, std::string user,
                                                    std::string text);

    dispatcher& dispatcher_;
    effects_runner& runner_;
    slack::slack_workspace& workspace_;
    const clock& clock_;
    task_group& tasks_;
};

} // namespace siren
