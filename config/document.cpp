#include "config/sections.hpp"

namespace siren::config::detail {

void read_document(context& ctx, const value& root, settings& out) {
    const fields f(ctx, root,
                   {"workspace", "severities", "roles", "people", "rotations", "escalations",
                    "services", "paging", "slack", "store", "reviews", "pay", "http", "log",
                    "alerts", "tracker", "intake", "heartbeat", "status_mirror"},
                   "a map of sections (workspace, severities, people, ...)");
    if (root.given() && !root.node.IsMap())
        return; // reported above; every section would only add "missing"
    // References point from later sections to earlier ones in this order.
    read_people(ctx, f["people"], out);
    read_rotations(ctx, f["rotations"], out);
    read_escalations(ctx, f["escalations"], out);
    read_services(ctx, f["services"], out);
    read_severities(ctx, f["severities"], out);
    read_workspace(ctx, f["workspace"], out);
    read_roles(ctx, f["roles"], out);
    read_paging(ctx, f["paging"], out);
    read_slack(ctx, f["slack"], out);
    read_store(ctx, f["store"], out);
    read_reviews(ctx, f["reviews"], out);
    read_pay(ctx, f["pay"], out); // after rotations
    read_http(ctx, f["http"], out);
    read_log(ctx, f["log"], out);
    read_heartbeat(ctx, f["heartbeat"], out);
    read_alerts(ctx, f["alerts"], out);
    read_intake(ctx, f["intake"], out);
    read_tracker(ctx, f["tracker"], out);
    read_status_mirror(ctx, f["status_mirror"], out); // after services
}

} // namespace siren::config::detail
