#include "config/checks.hpp"
#include "config/sections.hpp"

namespace siren::config::detail {

void read_people(context& ctx, const value& section, settings& out) {
    unique_names handles("handle");
    unique_names slack_ids("slack_id");
    for (const auto& item : list_items(ctx, section, "a list of people")) {
        const fields f(ctx, item, {"handle", "name", "slack_id", "email", "time_zone"},
                       "a person (a map with handle, name, slack_id, ...)");
        person p;
        const auto handle = f["handle"];
        if (auto h = text(ctx, handle)) {
            if (!is_name(*h))
                ctx.report(handle.at, "`" + *h +
                                          "` is not a valid handle: use lower-case letters, "
                                          "digits, '.', '_' and '-'");
            // Kept even when invalid, so that references to it are not reported a second time.
            if (handles.add(ctx, {*h, handle.at}))
                p.handle = *h;
        } else if (!handle.given()) {
            ctx.report(handle.at, "a person needs a handle, e.g. `handle: alice`");
        }
        if (auto full_name = text(ctx, f["name"]))
            p.name = *full_name;
        const auto slack_id = f["slack_id"];
        if (auto id = text(ctx, slack_id)) {
            if (!id->empty() && !is_slack_user_id(*id))
                ctx.report(slack_id.at, "`" + *id +
                                            "` is not a Slack user id: expected one like "
                                            "U024BE7LH or W0123ABCD");
            else if (id->empty() || slack_ids.add(ctx, {*id, slack_id.at}))
                p.slack_id = *id;
        }
        const auto email = f["email"];
        if (auto e = text(ctx, email)) {
            if (!e->empty() && !is_email(*e))
                ctx.report(email.at, "`" + *e + "` is not an email address");
            else
                p.email = *e;
        }
        if (auto zone = time_zone(ctx, f["time_zone"], blank::allowed))
            p.time_zone = *zone;
        // Without a handle (or with a repeated one) nobody can refer to this person.
        if (!p.handle.empty())
            out.people.push_back(std::move(p));
    }
}

} // namespace siren::config::detail
