#include "config/files.hpp"
#include "config/sections.hpp"

#include <algorithm>
#include <cstdlib>
#include <set>

namespace siren::config {

std::optional<std::string> system_env(std::string_view name) {
    if (const char* v = std::getenv(std::string(name).c_str()))
        return std::string(v);
    return std::nullopt;
}

outcome<std::string> read_secret_file(const std::string& path) {
    return detail::read_regular_file(path, 64 * 1024);
}

std::vector<problem> missing_run_secrets(const settings& s) {
    std::vector<problem> out;
    std::set<std::string> reported;
    const auto need = [&](const secret& value, const std::string& key, std::string_view env,
                          const std::string& why) {
        if (value.empty() && reported.insert(key).second)
            out.push_back(
                {"", 0, key, why + ": set " + std::string(env) + " or `" + key + "_file`"});
    };
    need(s.slack.bot_token, "slack.bot_token", "SLACK_BOT_TOKEN",
         "Slack needs the bot token (xoxb-...)");
    if (s.slack.mode == slack_mode::socket)
        need(s.slack.app_token, "slack.app_token", "SLACK_APP_TOKEN",
             "Socket Mode needs the app-level token (xapp-...)");
    else
        need(s.slack.signing_secret, "slack.signing_secret", "SLACK_SIGNING_SECRET",
             "HTTP mode needs the signing secret to verify Slack's requests");
    if (s.paging.provider == paging_provider::pagerduty)
        need(s.paging.pagerduty.routing_key, "paging.pagerduty.routing_key",
             "PAGERDUTY_ROUTING_KEY", "paging through PagerDuty needs an Events API routing key");
    if (s.paging.provider == paging_provider::opsgenie)
        need(s.paging.opsgenie.api_key, "paging.opsgenie.api_key", "OPSGENIE_API_KEY",
             "paging through Opsgenie needs an API key");
    if (s.tracker.kind == tracker_kind::gitlab)
        need(s.tracker.token, "tracker.token", "GITLAB_TOKEN",
             "GitLab issues need a personal, group or project access token (api scope)");
    if (s.tracker.kind == tracker_kind::jira) {
        need(s.tracker.token, "tracker.api_token", "JIRA_API_TOKEN",
             "Jira issues need an API token");
        if (s.tracker.email.empty())
            out.push_back({"", 0, "tracker.email",
                           "Jira issues need the token's account: set JIRA_EMAIL or "
                           "`tracker.email`"});
    }
    if (s.status_mirror.kind == status_host_kind::statuspage)
        need(s.status_mirror.api_key, "status_mirror.api_key", "STATUSPAGE_API_KEY",
             "mirroring to Statuspage needs an API key");
    if (s.status_mirror.kind == status_host_kind::statusio) {
        need(s.status_mirror.api_id, "status_mirror.api_id", "STATUSIO_API_ID",
             "mirroring to status.io needs the API id of its API credentials");
        need(s.status_mirror.api_key, "status_mirror.api_key", "STATUSIO_API_KEY",
             "mirroring to status.io needs the API key of its API credentials");
    }
    if (s.paging.provider == paging_provider::splunk_oncall)
        need(s.paging.splunk_oncall.rest_url, "paging.splunk_oncall.rest_url",
             "SPLUNK_ONCALL_REST_URL",
             "paging through Splunk On-Call needs its REST endpoint URL (it holds the API key)");
    for (const auto& r : s.rotations) {
        if (r.source == schedule_source::pagerduty)
            need(s.paging.pagerduty.api_token, "paging.pagerduty.api_token", "PAGERDUTY_API_TOKEN",
                 "rotation `" + r.name + "` reads its schedule from PagerDuty's REST API");
        if (r.source == schedule_source::opsgenie)
            need(s.paging.opsgenie.api_key, "paging.opsgenie.api_key", "OPSGENIE_API_KEY",
                 "rotation `" + r.name + "` reads its schedule from Opsgenie");
    }
    return out;
}

namespace detail {

secret read_secret(context& ctx, const fields& f, std::string_view key, std::string_view env_name) {
    const std::string file_key = std::string(key) + "_file";
    // The value is never repeated: the file may already be shared, the message may be too.
    if (f.has(key))
        ctx.report(f[key].at, "secrets do not belong in the config file: set " +
                                  std::string(env_name) +
                                  " in the environment or name a file "
                                  "holding it with `" +
                                  file_key + "`");
    const auto file = f[file_key];
    if (auto path = text(ctx, file, "a file path")) {
        auto contents = ctx.read_file()(*path);
        if (!contents) {
            ctx.report(file.at, "cannot read `" + *path + "`: " + contents.error());
            return {};
        }
        auto& v = *contents;
        while (!v.empty() && (v.back() == '\n' || v.back() == '\r'))
            v.pop_back();
        if (v.empty()) {
            ctx.report(file.at, "`" + *path + "` is empty");
            return {};
        }
        return {std::move(v), "file " + *path};
    }
    if (auto v = ctx.env()(env_name); v && !v->empty())
        return {std::move(*v), "env " + std::string(env_name)};
    return {};
}

} // namespace detail

} // namespace siren::config
