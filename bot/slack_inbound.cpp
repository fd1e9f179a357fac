#include "bot/slack_inbound.hpp"

#include "adapters/slack/blocks.hpp"

#include <spdlog/spdlog.h>

namespace siren {

namespace asio = boost::asio;

namespace {

// A modal's private_metadata carries what its submission needs to become a command again:
// "<command> <channel>", e.g. "/119 C0123".
std::string modal_metadata(const commands::command_input& input) {
    return input.command + " " + input.channel;
}

} // namespace

slack_inbound::slack_inbound(dispatcher& dispatcher, effects_runner& runner,
                             slack::slack_workspace& workspace, const clock& clock,
                             task_group& tasks)
    : dispatcher_(dispatcher)
    , runner_(runner)
    , workspace_(workspace)
    , clock_(clock)
    , tasks_(tasks) {}

std::optional<std::string> slack_inbound::on_envelope(const slack::envelope& e) {
    auto in = slack::translate(e);
    if (auto* command = std::get_if<slack::slash_command>(&in))
        return on_command(e, std::move(*command));
    if (auto* submission = std::get_if<slack::view_submission>(&in))
        return on_submission(e, std::move(*submission));
    if (auto* event = std::get_if<slack::event_callback>(&in))
        return on_event(std::move(*event));
    if (auto* action = std::get_if<slack::block_action>(&in))
        return on_button(e, std::move(*action));
    if (auto* shortcut = std::get_if<slack::message_shortcut>(&in))
        return on_shortcut(e, std::move(*shortcut));
    spdlog::info("slack: envelope {} of type {} ignored: {}", e.envelope_id, e.type,
                 std::get<slack::malformed>(in).why);
    return std::nullopt;
}

std::optional<std::string> slack_inbound::on_command(const slack::envelope& e,
                                                     slack::slash_command c) {
    auto result = dispatcher_.dispatch(e.envelope_id, c.input, clock_.now());
    if (result.has_effects)
        runner_.wake();
    if (result.form) {
        auto view = slack::modal_view(*result.form, modal_metadata(c.input));
        tasks_.spawn("slack-open-modal", open_modal(std::move(c.trigger_id), std::move(view)));
    }
    if (result.reply.empty())
        return std::nullopt;
    return slack::ack_reply(result.reply);
}

std::optional<std::string> slack_inbound::on_submission(const slack::envelope& e,
                                                        slack::view_submission v) {
    auto space = v.channel.find(' ');
    if (space == std::string::npos) {
        spdlog::warn("slack: a modal submission without siren's metadata was ignored");
        return std::nullopt;
    }
    commands::command_input input{.command = v.channel.substr(0, space),
                                  .text = v.form_id,
                                  .user = v.user,
                                  .channel = v.channel.substr(space + 1),
                                  .answers = std::move(v.answers)};
    auto result = dispatcher_.dispatch(e.envelope_id, input, clock_.now());
    if (result.has_effects)
        runner_.wake();
    if (!result.reply.empty())
        tasks_.spawn("slack-reply", tell(input.channel, input.user, result.reply));
    return std::nullopt; // an empty ack closes the modal
}

std::optional<std::string> slack_inbound::on_button(const slack::envelope& e,
                                                    slack::block_action a) {
    // siren's buttons carry the command they stand for (blocks.hpp); pressing one is typing it.
    auto space = a.value.find(' ');
    if (a.action_id.rfind(slack::button_action_prefix, 0) != 0 || a.value.empty() ||
        a.value.front() != '/') {
        spdlog::info("slack: button {} by {} is not siren's; ignored", a.action_id, a.user);
        return std::nullopt;
    }
    commands::command_input input{.command = a.value.substr(0, space),
                                  .text =
                                      space == std::string::npos ? "" : a.value.substr(space + 1),
                                  .user = a.user,
                                  .channel = a.channel};
    auto result = dispatcher_.dispatch(e.envelope_id, input, clock_.now());
    if (result.has_effects)
        runner_.wake();
    if (result.form) {
        auto view = slack::modal_view(*result.form, modal_metadata(input));
        tasks_.spawn("slack-open-modal", open_modal(std::move(a.trigger_id), std::move(view)));
    }
    if (!result.reply.empty())
        tasks_.spawn("slack-reply", tell(input.channel, input.user, result.reply));
    return std::nullopt;
}

std::optional<std::string> slack_inbound::on_event(slack::event_callback event) {
    // The ack cannot wait for the Web API: the message is fetched after it.
    if (event.type == "reaction_added" &&
        dispatcher_.wants_in_timeline(event.reaction, event.channel, clock_.now())) {
        tasks_.spawn("slack-timeline-reaction", copy_reacted(std::move(event)));
        return std::nullopt;
    }
    spdlog::debug("slack: event {} ({}) acknowledged", event.event_id, event.type);
    return std::nullopt;
}

std::optional<std::string> slack_inbound::on_shortcut(const slack::envelope& e,
                                                      slack::message_shortcut s) {
    if (s.callback_id != slack::add_to_timeline_shortcut) {
        spdlog::info("slack: shortcut {} by {} is not siren's; ignored", s.callback_id, s.user);
        return std::nullopt;
    }
    tasks_.spawn("slack-timeline-shortcut", copy_shortcut(e.envelope_id, std::move(s)));
    return std::nullopt;
}

asio::awaitable<void> slack_inbound::copy_reacted(slack::event_callback reaction) {
    auto message = co_await workspace_.fetch_message(reaction.channel, reaction.item_ts);
    if (!message) {
        spdlog::warn("slack: could not read message {} of {} for the timeline: {}",
                     reaction.item_ts, reaction.channel, message.error().message);
        co_return;
    }
    std::string link = co_await permalink_of(reaction.channel, reaction.item_ts);
    commands::posted_message m{.channel = reaction.channel,
                               .ts = reaction.item_ts,
                               .author = message->user,
                               .text = message->text,
                               .permalink = std::move(link),
                               .added_by = reaction.user};
    // Slack redelivers an event it thinks was not acknowledged: its id makes that harmless.
    auto result = dispatcher_.add_to_timeline("slack-event/" + reaction.event_id, m, clock_.now());
    if (result.has_effects)
        runner_.wake();
    if (!result.reply.empty()) // a reaction is not answered
        spdlog::info("slack: :{}: on {} in {}: {}", reaction.reaction, reaction.item_ts,
                     reaction.channel, result.reply);
}

asio::awaitable<void> slack_inbound::copy_shortcut(std::string envelope_id,
                                                   slack::message_shortcut s) {
    std::string link = co_await permalink_of(s.channel, s.message_ts);
    commands::posted_message m{.channel = s.channel,
                               .ts = s.message_ts,
                               .author = s.message_user,
                               .text = s.message_text,
                               .permalink = std::move(link),
                               .added_by = s.user};
    auto result = dispatcher_.add_to_timeline(envelope_id, m, clock_.now());
    if (result.has_effects)
        runner_.wake();
    if (!result.reply.empty())
        co_await tell(s.channel, s.user, result.reply);
}

asio::awaitable<std::string> slack_inbound::permalink_of(std::string channel, std::string ts) {
    auto link = co_await workspace_.permalink(channel, ts);
    if (link)
        co_return std::move(*link);
    spdlog::info("slack: no permalink for message {} of {}: {}", ts, channel, link.error().message);
    co_return std::string();
}

asio::awaitable<void> slack_inbound::open_modal(std::string trigger_id, std::string view) {
    if (auto opened = co_await workspace_.open_modal(trigger_id, view); !opened)
        spdlog::warn("slack: could not open the form: {}", opened.error().message);
}

asio::awaitable<void> slack_inbound::tell(std::string channel, std::string user, std::string text) {
    auto sent = co_await workspace_.post_ephemeral(channel, user, text);
    if (sent)
        co_return;
    // The answer must reach the person: where siren may not post (a channel it is not in), it
    // comes as a direct message instead.
    spdlog::info("slack: could not answer {} in {} ({}); sending a DM", user, channel,
                 sent.error().message);
    if (auto dm = co_await workspace_.notify_user(user, text, std::string()); !dm)
        spdlog::warn("slack: could not answer {} at all: {}", user, dm.error().message);
}

} // namespace siren
