// The `intake:` section: other systems' webhooks, one source each
// (docs/integrations.md#intake-webhooks).

#include "config/sections.hpp"

#include <algorithm>
#include <cctype>

namespace siren::config::detail {

namespace {

// A source names the last part of its path: /webhooks/intake/<name>.
bool is_source_name(std::string_view s) {
    return !s.empty() && s.size() <= 40 && std::all_of(s.begin(), s.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
    });
}

// "SIREN_INTAKE_HACKER_ONE_TOKEN" for source hacker-one.
std::string env_name(std::string_view source, std::string_view what) {
    std::string name = "SIREN_INTAKE_";
    for (char c : source)
        name += c == '-' ? '_' : static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return name + "_" + std::string(what);
}

intake_source read_source(context& ctx, const entry& e, const settings& out) {
    const value& item = e.val;
    const fields f(ctx, item,
                   {"preset", "action", "severity", "service", "private", "tag", "token",
                    "token_file", "secret", "secret_file"},
                   "a source (a map with preset, action, ...)");
    intake_source source;
    source.name = e.key;
    if (auto p = one_of<intake_preset>(ctx, f["preset"],
                                       {{"generic", intake_preset::generic},
                                        {"hackerone", intake_preset::hackerone},
                                        {"intercom", intake_preset::intercom}}))
        source.preset = *p;
    // What each preset is for: HackerOne's triaged reports go to the security on-call as a
    // private incident; Intercom's bugs and generic items are reports.
    if (source.preset == intake_preset::hackerone) {
        source.action = intake_action::declare;
        source.security = true;
    }
    if (auto a = one_of<intake_action>(
            ctx, f["action"],
            {{"report", intake_action::report}, {"declare", intake_action::declare}}))
        source.action = *a;
    const auto level = f["severity"];
    if (auto s = text(ctx, level, "a severity")) {
        if (auto found = out.find_severity(*s))
            source.level = *found;
        else if (!s->empty())
            ctx.report(level.at,
                       "unknown severity `" + *s + "`: expected S0 to S4 or one of their aliases");
    }
    const auto service = f["service"];
    if (auto s = text(ctx, service, "a service name"))
        if (!s->empty() && check_reference(ctx, {*s, service.at}, names_of(out.services), "service",
                                           "; services are listed under `services:`"))
            source.service = *s;
    if (auto p = flag(ctx, f["private"]))
        source.security = *p;
    const auto tag = f["tag"];
    if (tag.given() && source.preset != intake_preset::intercom)
        ctx.report(tag.at, "`tag` is for `preset: intercom` only: the tag that makes a "
                           "conversation a report");
    else if (auto t = text(ctx, tag, "a tag name"); t && !t->empty())
        source.tag = *t;
    source.token = read_secret(ctx, f, "token", env_name(e.key, "TOKEN"));
    source.signing_secret = read_secret(ctx, f, "secret", env_name(e.key, "SECRET"));
    const place at{e.key_line, item.at.path};
    if (source.preset == intake_preset::generic && !source.signing_secret.empty())
        ctx.report(at, "a generic source is checked by its token only: leave out `secret_file` "
                       "and " +
                           env_name(e.key, "SECRET"));
    if (source.token.empty() && source.signing_secret.empty())
        ctx.report(at, "source `" + e.key + "` has no token" +
                           (source.preset == intake_preset::generic ? "" : " nor secret") +
                           ": set " + env_name(e.key, "TOKEN") + " or `token_file`" +
                           (source.preset == intake_preset::generic
                                ? std::string()
                                : ", or " + env_name(e.key, "SECRET") + " or `secret_file` (" +
                                      (source.preset == intake_preset::hackerone
                                           ? "the HackerOne webhook's secret"
                                           : "the Intercom app's client secret") +
                                      ")"));
    return source;
}

} // namespace

void read_intake(context& ctx, const value& section, settings& out) {
    const fields f(ctx, section, {"sources"});
    for (const auto& e : map_entries(ctx, f["sources"], "a map of source names to sources")) {
        if (!is_source_name(e.key)) {
            ctx.report({e.key_line, e.val.at.path},
                       "`" + e.key +
                           "` is not a source name (1 to 40 of a-z, 0-9, - and _: it is the "
                           "last part of /webhooks/intake/<name>)");
            continue;
        }
        out.intake.sources.push_back(read_source(ctx, e, out));
    }
}

} // namespace siren::config::detail
