#include "config/sections.hpp"

namespace siren::config::detail {

// heartbeat: the dead man's switch URL is a secret (a Healthchecks.io ping URL is enough to
// report siren healthy or failed).
void read_heartbeat(context& ctx, const value& section, settings& out) {
    const fields f(ctx, section, {"url", "url_file", "every", "stalled_after"});
    auto& hb = out.heartbeat;
    hb.url = read_secret(ctx, f, "url", "SIREN_HEARTBEAT_URL");
    if (!hb.url.empty() && hb.url.value.rfind("https://", 0) != 0 &&
        hb.url.value.rfind("http://", 0) != 0)
        ctx.report(f["url_file"].at,
                   "the heartbeat URL (from " + hb.url.source + ") must start with https://");
    if (auto every = duration_in_seconds(ctx, f["every"], zero::rejected))
        hb.every = *every;
    if (auto stalled = duration_in_seconds(ctx, f["stalled_after"], zero::rejected))
        hb.stalled_after = *stalled;
}

} // namespace siren::config::detail
