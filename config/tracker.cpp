#include "config/sections.hpp"

namespace siren::config::detail {

void read_tracker(context& ctx, const value& section, settings& out) {
    const fields f(ctx, section,
                   {"kind", "base_url", "project", "issue_type", "done_transition", "token",
                    "token_file", "api_token", "api_token_file", "email"},
                   "a map with kind (gitlab or jira), base_url, project, ...");
    auto& tracker = out.tracker;
    if (auto k = one_of<tracker_kind>(ctx, f["kind"],
                                      {{"none", tracker_kind::none},
                                       {"gitlab", tracker_kind::gitlab},
                                       {"jira", tracker_kind::jira}}))
        tracker.kind = *k;
    if (auto u = url(ctx, f["base_url"], blank::allowed))
        tracker.base_url = *u;
    while (!tracker.base_url.empty() && tracker.base_url.back() == '/')
        tracker.base_url.pop_back();
    if (auto p = text(ctx, f["project"], "a project path, id or key"))
        tracker.project = *p;
    if (auto t = text(ctx, f["issue_type"], "a Jira issue type name"))
        tracker.issue_type = *t;
    if (auto t = text(ctx, f["done_transition"], "a Jira transition or status name"))
        tracker.done_transition = *t;
    if (auto e = text(ctx, f["email"], "an e-mail address"))
        tracker.email = *e;
    if (tracker.kind == tracker_kind::gitlab)
        tracker.token = read_secret(ctx, f, "token", "GITLAB_TOKEN");
    if (tracker.kind == tracker_kind::jira) {
        tracker.token = read_secret(ctx, f, "api_token", "JIRA_API_TOKEN");
        if (tracker.email.empty())
            if (auto v = ctx.env()("JIRA_EMAIL"); v && !v->empty())
                tracker.email = *v;
    }
    if (tracker.kind != tracker_kind::none) {
        if (tracker.base_url.empty())
            ctx.report(f["base_url"].at, "the tracker needs `base_url`, e.g. https://gitlab.com");
        if (tracker.project.empty())
            ctx.report(f["project"].at, "the tracker needs `project`");
    }
}

} // namespace siren::config::detail
