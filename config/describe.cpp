#include "config/checks.hpp"
#include "config/load.hpp"

#include <yaml-cpp/yaml.h>

namespace siren::config {

namespace {

// The shortest form parse_duration reads back: "0", "7d", "2h", "1h30m", "45m".
std::string duration(seconds d) {
    const auto n = d.count();
    if (n == 0)
        return "0";
    if (n % (24 * 3600) == 0)
        return std::to_string(n / (24 * 3600)) + "d";
    std::string out;
    if (n >= 3600)
        out += std::to_string(n / 3600) + "h";
    if (n % 3600 >= 60)
        out += std::to_string(n % 3600 / 60) + "m";
    if (n % 60 != 0)
        out += std::to_string(n % 60) + "s";
    return out;
}

std::string time_of_day(minutes m) {
    const auto two = [](long v) { return (v < 10 ? "0" : "") + std::to_string(v); };
    return two(m.count() / 60) + ":" + two(m.count() % 60);
}

std::string date(std::chrono::sys_days d) {
    const std::chrono::year_month_day ymd{d};
    const auto two = [](unsigned v) { return (v < 10 ? "0" : "") + std::to_string(v); };
    return std::to_string(static_cast<int>(ymd.year())) + "-" +
           two(static_cast<unsigned>(ymd.month())) + "-" + two(static_cast<unsigned>(ymd.day()));
}

std::string_view name_of(schedule_source s) {
    constexpr std::string_view names[] = {"siren", "pagerduty", "opsgenie"};
    return names[static_cast<int>(s)];
}

std::string_view name_of(paging_provider p) {
    constexpr std::string_view names[] = {"slack", "pagerduty", "opsgenie", "splunk_oncall"};
    return names[static_cast<int>(p)];
}

std::string_view name_of(alert_action a) {
    constexpr std::string_view names[] = {"declare", "attach", "page", "ignore"};
    return names[static_cast<int>(a)];
}

// Only where the secret came from: the value never leaves the settings.
std::string redacted(const secret& s) {
    return s.empty() ? "<not set>" : "<redacted from " + s.source + ">";
}

class writer {
public:
    writer() { out_ << YAML::BeginMap; }

    template <class T>
    writer& operator()(std::string_view key, const T& value) {
        out_ << YAML::Key << std::string(key) << YAML::Value << value;
        return *this;
    }
    writer& operator()(std::string_view key, std::string_view value) {
        return (*this)(key, std::string(value));
    }
    writer& list(std::string_view key, const std::vector<std::string>& items) {
        out_ << YAML::Key << std::string(key) << YAML::Value << YAML::Flow << items;
        return *this;
    }
    writer& begin_map(std::string_view key, bool flow = false) {
        out_ << YAML::Key << std::string(key) << YAML::Value;
        if (flow)
            out_ << YAML::Flow;
        out_ << YAML::BeginMap;
        return *this;
    }
    writer& begin_list(std::string_view key) {
        out_ << YAML::Key << std::string(key) << YAML::Value << YAML::BeginSeq;
        return *this;
    }
    writer& begin_item() {
        out_ << YAML::BeginMap;
        return *this;
    }
    writer& end_map() {
        out_ << YAML::EndMap;
        return *this;
    }
    writer& end_list() {
        out_ << YAML::EndSeq;
        return *this;
    }
    writer& null(std::string_view key) {
        out_ << YAML::Key << std::string(key) << YAML::Value << YAML::Null;
        return *this;
    }

    std::string text() {
        out_ << YAML::EndMap;
        return std::string(out_.c_str()) + "\n";
    }

private:
    YAML::Emitter out_;
};

void workspace(writer& w, const settings& s) {
    const auto& ws = s.workspace;
    w.begin_map("workspace")("name", ws.name)("announce_channel", ws.announce_channel)(
         "channel_prefix", ws.channel_prefix)("channel_date_format", ws.channel_date_format)(
         "time_zone", ws.time_zone)("default_severity", to_string(ws.default_severity))(
         "duplicate_window", duration(ws.duplicate_window))("archive_after",
                                                            duration(ws.archive_after))
        .end_map();
}

void severities(writer& w, const settings& s) {
    w.begin_map("severities");
    for (const auto& p : s.severities) {
        w.begin_map(to_string(p.level))
            .list("aliases", p.aliases)("description", p.description)
            .list("page", p.page)("escalation", p.escalation)("announce", p.announce)(
                "status_page", p.status_page)("update_every", duration(p.update_every))(
                "public_update_every", duration(p.public_update_every))("initial_status",
                                                                        to_key(p.initial_status));
        if (!p.bridge.empty())
            w("bridge", p.bridge);
        w.begin_map("fill_roles", /*flow=*/true);
        for (const auto& [which, within] : p.fill_roles)
            w(to_key(which), duration(within));
        w.end_map().end_map();
    }
    w.end_map();
}

void roles(writer& w, const settings& s) {
    w.begin_map("roles");
    for (auto r : all_roles)
        w.begin_map(to_key(r))("duties", s.duties(r)).end_map();
    w.end_map();
}

void people(writer& w, const settings& s) {
    w.begin_list("people");
    for (const auto& p : s.people)
        w.begin_item()("handle", p.handle)("name", p.name)("slack_id", p.slack_id)(
             "email", p.email)("time_zone", p.time_zone)
            .end_map();
    w.end_list();
}

// Written only when there are some, so that rotations without layers read as before.
void layers(writer& w, const std::vector<rotation_layer>& layers) {
    w.begin_list("layers");
    for (const auto& l : layers) {
        w.begin_item()("name", l.name)
            .list("members", l.members)("length", duration(l.length))
            .begin_map("handover")("weekday", detail::weekday_name(l.handover_day))(
                "time", time_of_day(l.handover_time))
            .end_map();
        if (l.start == std::chrono::sys_days{})
            w.null("start");
        else
            w("start", date(l.start));
        if (const auto& r = l.restriction) {
            std::vector<std::string> day_names; // Monday first
            for (unsigned i = 1; i <= 7; ++i)
                if (r->weekdays & (1u << (i % 7)))
                    day_names.emplace_back(
                        detail::weekday_name(std::chrono::weekday{i % 7}).substr(0, 3));
            w.begin_map("restrict")
                .list("days", day_names)("from", time_of_day(r->from))("until",
                                                                       time_of_day(r->until))
                .end_map();
        } else {
            w.null("restrict");
        }
        w.end_map();
    }
    w.end_list();
}

void rotations(writer& w, const settings& s) {
    w.begin_list("rotations");
    for (const auto& r : s.rotations) {
        w.begin_item()("name", r.name)("description", r.description)
            .list("members", r.members)
            .list("secondary", r.secondary)("length", duration(r.length))
            .begin_map("handover")("weekday", detail::weekday_name(r.handover_day))(
                "time", time_of_day(r.handover_time))
            .end_map()("time_zone", r.time_zone);
        if (r.start == std::chrono::sys_days{})
            w.null("start");
        else
            w("start", date(r.start));
        w("source", name_of(r.source))("external_id", r.external_id)(
            "slack_usergroup", r.slack_usergroup)("channel", r.channel);
        if (!r.layers.empty())
            layers(w, r.layers);
        w.end_map();
    }
    w.end_list();
}

void escalations(writer& w, const settings& s) {
    w.begin_list("escalations");
    for (const auto& e : s.escalations) {
        w.begin_item()("name", e.name).begin_list("levels");
        for (const auto& level : e.levels)
            w.begin_item()
                .list("targets", level.targets)("after", duration(level.ack_timeout))
                .end_map();
        w.end_list()("repeat", e.repeat)("investigating_limit", duration(e.investigating_limit))(
             "investigating_target", e.investigating_target)
            .end_map();
    }
    w.end_list();
}

void services(writer& w, const settings& s) {
    w.begin_list("services");
    for (const auto& svc : s.services) {
        w.begin_item()("name", svc.name)("description", svc.description)("runbook", svc.runbook)(
             "rotation", svc.rotation.empty() ? "eoc" : svc.rotation)
            .begin_map("links", svc.links.empty());
        for (const auto& [title, link] : svc.links)
            w(title, link);
        w.end_map().end_map();
    }
    w.end_list();
}

void runtime(writer& w, const settings& s) {
    const auto& pd = s.paging.pagerduty;
    const auto& og = s.paging.opsgenie;
    const auto& so = s.paging.splunk_oncall;
    w.begin_map("paging")("provider", name_of(s.paging.provider))("fallback_after",
                                                                  duration(s.paging.fallback_after))
        .begin_map("pagerduty")("events_api_url", pd.events_api_url)("rest_api_url",
                                                                     pd.rest_api_url)(
            "routing_key", redacted(pd.routing_key))("api_token", redacted(pd.api_token))(
            "webhook_secret", redacted(pd.webhook_secret))("from_email", pd.from_email)
        .end_map()
        .begin_map("opsgenie")("api_url", og.api_url)("api_key", redacted(og.api_key))(
            "callback_token", redacted(og.callback_token))
        .end_map()
        .begin_map("splunk_oncall")("rest_url", redacted(so.rest_url))("routing_key",
                                                                       so.routing_key)
        .begin_map("routing_keys", so.routing_keys.empty());
    for (const auto& [rotation, key] : so.routing_keys)
        w(rotation, key);
    w.end_map().end_map().end_map();
    const auto& sl = s.slack;
    w.begin_map("slack")("mode", sl.mode == slack_mode::socket ? "socket" : "http")(
         "api_base_url", sl.api_base_url)("ca_file", sl.ca_file)(
         "bot_token", redacted(sl.bot_token))("app_token", redacted(sl.app_token))(
         "signing_secret", redacted(sl.signing_secret))("timeline_reaction", sl.timeline_reaction)
        .end_map();
    w.begin_map("store")("path", s.store.path).end_map();
    w.begin_map("reviews")("provisional_after", duration(s.reviews.provisional_after))(
         "full_after", duration(s.reviews.full_after))(
         "remind_before", duration(s.reviews.remind_before))("directory", s.reviews.directory)
        .end_map();
    w.begin_map("http")("listen", s.http.listen).end_map();
    w.begin_map("heartbeat")("url", redacted(s.heartbeat.url))(
         "every", duration(s.heartbeat.every))("stalled_after", duration(s.heartbeat.stalled_after))
        .end_map();
    w.begin_map("log")("format", s.log.format == log_format::json ? "json" : "human")("level",
                                                                                      s.log.level)
        .end_map();
}

// Keys a route leaves at their defaults are left out, so the output reads like a route written
// by hand and loads back to the same route.
void alerts(writer& w, const settings& s) {
    const auto& a = s.alerts;
    w.begin_map("alerts")("token", redacted(a.token))("service_label", a.service_label)
        .begin_list("routes");
    for (const auto& r : a.routes) {
        w.begin_item().begin_map("match", true);
        for (const auto& [label, wanted] : r.match)
            w(label, wanted);
        w.end_map().begin_map("match_re", true);
        for (const auto& [label, pattern] : r.match_re)
            w(label, pattern);
        w.end_map()("action", name_of(r.action));
        if (r.level)
            w("severity", to_string(*r.level));
        if (!r.rotation.empty())
            w("rotation", r.rotation);
        if (r.action == alert_action::attach)
            w("fallback", name_of(r.fallback));
        w.end_map();
    }
    w.end_list().end_map();
}

// Keys a source leaves at their preset's defaults are written all the same: what it does is
// clearer with them.
void intake(writer& w, const settings& s) {
    if (s.intake.sources.empty())
        return;
    w.begin_map("intake").begin_map("sources");
    for (const auto& src : s.intake.sources) {
        std::string_view preset = src.preset == intake_preset::hackerone  ? "hackerone"
                                  : src.preset == intake_preset::intercom ? "intercom"
                                                                          : "generic";
        w.begin_map(src.name)("preset", preset)(
            "action", src.action == intake_action::declare ? "declare" : "report");
        if (src.level)
            w("severity", to_string(*src.level));
        if (!src.service.empty())
            w("service", src.service);
        w("private", src.security);
        if (src.preset == intake_preset::intercom)
            w("tag", src.tag);
        w("token", redacted(src.token))("secret", redacted(src.signing_secret)).end_map();
    }
    w.end_map().end_map();
}

// Off: the kind alone, as the example has it.
void tracker(writer& w, const settings& s) {
    const auto& t = s.tracker;
    std::string_view kind = t.kind == tracker_kind::gitlab ? "gitlab"
                            : t.kind == tracker_kind::jira ? "jira"
                                                           : "none";
    w.begin_map("tracker")("kind", kind);
    if (t.kind != tracker_kind::none)
        w("base_url", t.base_url)("project", t.project);
    if (t.kind == tracker_kind::gitlab)
        w("token", redacted(t.token));
    if (t.kind == tracker_kind::jira)
        w("issue_type", t.issue_type)("done_transition", t.done_transition)("email", t.email)(
            "api_token", redacted(t.token));
    w.end_map();
}

// Off: the kind alone, as the example has it.
void status_mirror(writer& w, const settings& s) {
    const auto& m = s.status_mirror;
    std::string_view kind = m.kind == status_host_kind::statuspage ? "statuspage"
                            : m.kind == status_host_kind::statusio ? "statusio"
                                                                   : "none";
    w.begin_map("status_mirror")("kind", kind);
    if (m.kind != status_host_kind::none) {
        w("base_url", m.base_url)("page_id", m.page_id)
            .begin_map("components", m.components.empty());
        for (const auto& [service, id] : m.components) {
            auto container = m.containers.find(service);
            if (container == m.containers.end())
                w(service, id);
            else
                w.begin_map(service, /*flow=*/true)("component", id)("container", container->second)
                    .end_map();
        }
        w.end_map();
        if (m.kind == status_host_kind::statusio)
            w("api_id", redacted(m.api_id));
        w("api_key", redacted(m.api_key));
    }
    w.end_map();
}

} // namespace

std::string describe(const settings& s) {
    writer w;
    workspace(w, s);
    severities(w, s);
    roles(w, s);
    people(w, s);
    rotations(w, s);
    escalations(w, s);
    services(w, s);
    runtime(w, s);
    alerts(w, s);
    intake(w, s);
    tracker(w, s);
    status_mirror(w, s);
    return w.text();
}

} // namespace siren::config
