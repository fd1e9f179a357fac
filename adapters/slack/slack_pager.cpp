#include "adapters/slack/slack_pager.hpp"

#include "adapters/slack/blocks.hpp"
#include "adapters/slack/json_access.hpp"
#include "commands/text.hpp"

namespace siren::slack {

namespace asio = boost::asio;
using adapters::call_result;
using adapters::failed;
using detail::json;

namespace {

std::string headline(const page_user& page) {
    std::string level(to_string(page.level));
    return page.rotation.empty() ? "You are paged (" + level + ")"
                                 : "You are paged for " + page.rotation + " (" + level + ")";
}

// The mark of the DM that tells the person their page was resolved.
std::string resolved_mark(std::string_view dedup_key) {
    return "resolved/" + std::string(dedup_key);
}

} // namespace

slack_pager::slack_pager(slack_workspace& workspace, paged_user_lookup paged_user_of)
    : workspace_(workspace)
    , paged_user_of_(std::move(paged_user_of)) {}

asio::awaitable<call_result<>> slack_pager::trigger(page_user page) {
    std::string summary = workspace_.with_channel_links(page.summary);
    std::string section = commands::shorten(":rotating_light: *" + headline(page) + "*\n" + summary,
                                            max_section_characters);
    json blocks = detail::message_block_list(section, page_buttons(page.dedup_key));
    std::string text = headline(page) + ": " + page.summary;
    std::string blocks_json = detail::to_text(blocks);
    auto sent = co_await workspace_.post_blocks(page.user, std::move(text), std::move(blocks_json),
                                                page.dedup_key);
    co_return without_answer(std::move(sent));
}

asio::awaitable<call_result<>> slack_pager::acknowledge(std::string /*dedup_key*/) {
    // Slack is where the acknowledgement came from (a button or `/119 ack`), and siren's own
    // escalation stops with it: there is no one else to tell.
    co_return adapters::succeeded();
}

asio::awaitable<call_result<>> slack_pager::resolve(std::string dedup_key) {
    auto user = paged_user_of_(dedup_key);
    if (!user)
        co_return failed({.retryable = false,
                          .message = "no Slack page with dedup key " + dedup_key + " is known"});
    std::string text =
        ":white_check_mark: Resolved: the page `" + dedup_key + "` needs nothing more from you.";
    co_return co_await workspace_.notify_user(*user, std::move(text), resolved_mark(dedup_key));
}

asio::awaitable<call_result<bool>> slack_pager::triggered_before(page_user page) {
    auto found = co_await workspace_.find_marked(page.user, page.dedup_key);
    if (!found)
        co_return failed(found.error());
    co_return adapters::answer(found->has_value());
}

asio::awaitable<call_result<bool>> slack_pager::resolved_before(std::string dedup_key) {
    auto user = paged_user_of_(dedup_key);
    if (!user)
        co_return adapters::answer(false);
    auto found = co_await workspace_.find_marked(*user, resolved_mark(dedup_key));
    if (!found)
        co_return failed(found.error());
    co_return adapters::answer(found->has_value());
}

} // namespace siren::slack
