#include "config/checks.hpp"
#include "config/sections.hpp"

#include <algorithm>

namespace siren::config::detail {

namespace {

// Slack's emoji names: "pushpin", "+1", "white_check_mark"; empty means none.
bool is_reaction_name(std::string_view name) {
    return name.size() <= 100 && std::all_of(name.begin(), name.end(), [](char c) {
               return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '+' ||
                      c == '-' || c == '\'';
           });
}

// paging.splunk_oncall: the REST endpoint URL holds the API key, so it is a secret.
void read_splunk_oncall(context& ctx, const value& section, paging_settings& paging) {
    const fields so(ctx, section, {"rest_url", "rest_url_file", "routing_key", "routing_keys"});
    auto& out = paging.splunk_oncall;
    out.rest_url = read_secret(ctx, so, "rest_url", "SPLUNK_ONCALL_REST_URL");
    if (!out.rest_url.empty() && out.rest_url.value.rfind("https://", 0) != 0 &&
        out.rest_url.value.rfind("http://", 0) != 0)
        ctx.report(so["rest_url_file"].at, "the Splunk On-Call REST endpoint URL (from " +
                                               out.rest_url.source + ") must start with https://");
    if (auto key = text(ctx, so["routing_key"], "a routing key"))
        out.routing_key = *key;
    for (const auto& e : map_entries(ctx, so["routing_keys"], "a map of rotations to routing keys"))
        if (auto key = text(ctx, e.val, "a routing key"); key && !key->empty())
            out.routing_keys.emplace(e.key, *key);
        else
            ctx.report(e.val.at, "expected a routing key");
    if (paging.provider == paging_provider::splunk_oncall && out.routing_key.empty() &&
        out.routing_keys.empty())
        ctx.report(so["routing_key"].at, "paging through Splunk On-Call needs a routing key: set "
                                         "`routing_key` (and `routing_keys` per rotation)");
}

} // namespace

void read_paging(context& ctx, const value& section, settings& out) {
    const fields f(ctx, section,
                   {"provider", "fallback_after", "pagerduty", "opsgenie", "splunk_oncall"});
    auto& paging = out.paging;
    if (auto p = one_of<paging_provider>(ctx, f["provider"],
                                         {{"slack", paging_provider::slack},
                                          {"pagerduty", paging_provider::pagerduty},
                                          {"opsgenie", paging_provider::opsgenie},
                                          {"splunk_oncall", paging_provider::splunk_oncall}}))
        paging.provider = *p;
    if (auto after = duration_in_seconds(ctx, f["fallback_after"], zero::allowed))
        paging.fallback_after = *after;

    const fields pd(ctx, f["pagerduty"],
                    {"events_api_url", "rest_api_url", "routing_key", "routing_key_file",
                     "api_token", "api_token_file", "webhook_secret", "webhook_secret_file",
                     "from_email"});
    if (auto u = url(ctx, pd["events_api_url"], blank::rejected))
        paging.pagerduty.events_api_url = *u;
    if (auto u = url(ctx, pd["rest_api_url"], blank::rejected))
        paging.pagerduty.rest_api_url = *u;
    paging.pagerduty.routing_key = read_secret(ctx, pd, "routing_key", "PAGERDUTY_ROUTING_KEY");
    paging.pagerduty.api_token = read_secret(ctx, pd, "api_token", "PAGERDUTY_API_TOKEN");
    paging.pagerduty.webhook_secret =
        read_secret(ctx, pd, "webhook_secret", "PAGERDUTY_WEBHOOK_SECRET");
    if (auto from = text(ctx, pd["from_email"], "an e-mail address"))
        paging.pagerduty.from_email = *from;

    const fields og(
        ctx, f["opsgenie"],
        {"api_url", "api_key", "api_key_file", "callback_token", "callback_token_file"});
    if (auto u = url(ctx, og["api_url"], blank::rejected))
        paging.opsgenie.api_url = *u;
    paging.opsgenie.api_key = read_secret(ctx, og, "api_key", "OPSGENIE_API_KEY");
    paging.opsgenie.callback_token =
        read_secret(ctx, og, "callback_token", "OPSGENIE_CALLBACK_TOKEN");
    read_splunk_oncall(ctx, f["splunk_oncall"], paging);
}

void read_slack(context& ctx, const value& section, settings& out) {
    const fields f(ctx, section,
                   {"mode", "api_base_url", "ca_file", "bot_token", "bot_token_file", "app_token",
                    "app_token_file", "signing_secret", "signing_secret_file",
                    "timeline_reaction"});
    auto& slack = out.slack;
    if (auto m = one_of<slack_mode>(ctx, f["mode"],
                                    {{"socket", slack_mode::socket}, {"http", slack_mode::http}}))
        slack.mode = *m;
    if (auto u = url(ctx, f["api_base_url"], blank::rejected)) {
        // Method names are appended to it ("chat.postMessage"), so it must end in '/'.
        slack.api_base_url = *u;
        if (slack.api_base_url.back() != '/')
            slack.api_base_url += '/';
    }
    if (auto ca = text(ctx, f["ca_file"], "a file path"))
        slack.ca_file = *ca;
    slack.bot_token = read_secret(ctx, f, "bot_token", "SLACK_BOT_TOKEN");
    slack.app_token = read_secret(ctx, f, "app_token", "SLACK_APP_TOKEN");
    slack.signing_secret = read_secret(ctx, f, "signing_secret", "SLACK_SIGNING_SECRET");
    const auto reaction = f["timeline_reaction"];
    if (auto r = text(ctx, reaction, "a reaction name such as pushpin")) {
        // Slack writes reactions :pushpin: in messages and pushpin in events; both are taken.
        std::string name = *r;
        if (name.size() >= 2 && name.front() == ':' && name.back() == ':')
            name = name.substr(1, name.size() - 2);
        if (is_reaction_name(name))
            slack.timeline_reaction = name;
        else
            ctx.report(reaction.at, "expected a reaction name such as pushpin (lower-case letters, "
                                    "digits, _ + - '), or \"\" for none, got `" +
                                        *r + "`");
    }
}

void read_store(context& ctx, const value& section, settings& out) {
    const fields f(ctx, section, {"path"});
    const auto path = f["path"];
    if (auto p = text(ctx, path, "a file path")) {
        if (p->empty())
            ctx.report(path.at, "expected a file path such as siren.db, got an empty string");
        else
            out.store.path = *p;
    }
}

void read_http(context& ctx, const value& section, settings& out) {
    const fields f(ctx, section, {"listen"});
    const auto listen = f["listen"];
    if (auto l = text(ctx, listen, "host:port")) {
        if (is_listen_address(*l))
            out.http.listen = *l;
        else
            ctx.report(listen.at, "expected host:port with a port from 0 to 65535, such as "
                                  "127.0.0.1:8080 or [::1]:8080, got `" +
                                      *l + "`");
    }
}

void read_log(context& ctx, const value& section, settings& out) {
    const fields f(ctx, section, {"format", "level"});
    if (auto format = one_of<log_format>(
            ctx, f["format"], {{"human", log_format::human}, {"json", log_format::json}}))
        out.log.format = *format;
    if (auto level = one_of<std::string_view>(ctx, f["level"],
                                              {{"trace", "trace"},
                                               {"debug", "debug"},
                                               {"info", "info"},
                                               {"warn", "warn"},
                                               {"error", "error"}}))
        out.log.level = *level;
}

} // namespace siren::config::detail
