#pragma once
// Paging by Slack DM (paging.provider: slack): the paged person gets a direct message with the
// summary and a link to the incident channel, and another when the page is resolved.

#include "adapters/pager.hpp"
#include "adapters/slack/slack_workspace.hpp"

#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace siren::slack {

// Who was paged under a dedup key (the store's pages table); nullopt when no page is known.
using paged_user_lookup = std::function<std::optional<user_id>(std::string_view dedup_key)>;

class slack_pager final : public adapters::pager {
public:
    // workspace must outlive the pager and every call.
    slack_pager(slack_workspace& workspace, paged_user_lookup paged_user_of);

    std::string_view provider() const override { return "slack"; }
    // A DM: the rotation, severity and summary (channel names as links), with Acknowledge and
    // Escalate buttons.
    [[nodiscard]] boost::asio::awaitable<adapters::call_result<>> trigger(page_user page) override;
    [[nodiscard]] boost::asio::awaitable<adapters::call_result<>>
    acknowledge(std::string dedup_key) override;
    // A DM to the person paged under dedup_key that the page needs nothing more from them.
    [[nodiscard]] boost::asio::awaitable<adapters::call_result<>>
    resolve(std::string dedup_key) override;
    // Slack has no dedup key of its own: each DM carries its page's key (message metadata), and
    // these look for it in the person's DMs.
    [[nodiscard]] boost::asio::awaitable<adapters::call_result<bool>>
    triggered_before(page_user page) override;
    [[nodiscard]] boost::asio::awaitable<adapters::call_result<bool>>
    resolved_before(std::string dedup_key) override;

private:
    slack_workspace& workspace_;
    paged_user_lookup paged_user_of_;
};

} // namespace siren::slack
