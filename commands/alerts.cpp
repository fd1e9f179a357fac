// Alerts from Alertmanager: routing, declaring, attaching, paging (alerts.hpp).

#include "commands/alerts.hpp"

#include "commands/declare.hpp"
#include "commands/incident_effects.hpp"
#include "commands/render.hpp"
#include "commands/text.hpp"
#include "commands/values.hpp"

#include <algorithm>
#include <regex>

namespace siren::commands {

namespace {

// libstdc++'s regex_match recurses per character: longer values never match a pattern, so a
// crafted label cannot exhaust the stack.
constexpr std::size_t max_matched_value = 1024;
// Lines of one channel post about a group's alerts; the timeline gets every alert.
constexpr std::size_t max_listed_alerts = 10;

std::string_view label_of(const label_set& labels, std::string_view name) {
    auto it = labels.find(name);
    return it == labels.end() ? std::string_view() : std::string_view(it->second);
}

bool matches_pattern(std::string_view value, const std::string& pattern) {
    if (value.size() > max_matched_value)
        return false;
    try {
        return std::regex_match(value.begin(), value.end(), std::regex(pattern));
    } catch (const std::regex_error&) {
        return false; // config/ refuses such patterns; a hand-made settings may not
    }
}

bool matches(const alert_route& route, const label_set& labels) {
    for (const auto& [name, wanted] : route.match)
        if (label_of(labels, name) != wanted)
            return false;
    for (const auto& [name, pattern] : route.match_re)
        if (!matches_pattern(label_of(labels, name), pattern))
            return false;
    return true;
}

// Text from Alertmanager as siren repeats it: one line, no @channel, at most `limit` characters.
std::string cleaned(std::string_view text, std::size_t limit) {
    return shorten(neutralize_mentions(collapse_whitespace(text)), limit);
}

std::string name_of(const alert& a) {
    auto name = label_of(a.labels, "alertname");
    return name.empty() ? "alert " + a.fingerprint : cleaned(name, 100);
}

std::string summary_of(const alert& a) {
    auto summary = label_of(a.annotations, "summary");
    return cleaned(summary.empty() ? label_of(a.annotations, "description") : summary, 300);
}

// "instance=10.0.0.1:9100 severity=critical": what tells the alerts of a group apart.
std::string labels_of(const alert& a) {
    std::string text;
    for (const auto& [name, value] : a.labels)
        if (name != "alertname")
            text.append(text.empty() ? "" : " ").append(name + "=" + value);
    return cleaned(text, 300);
}

// "HighErrorRate (instance=10.0.0.1:9100 service=checkout): Checkout 5xx > 5%"
std::string described(const alert& a) {
    std::string text = name_of(a);
    if (auto labels = labels_of(a); !labels.empty())
        text += " (" + labels + ")";
    if (auto summary = summary_of(a); !summary.empty())
        text += ": " + summary;
    return text;
}

// One line of a channel post: the alert, then where it comes from and its runbook.
std::string post_line(const alert& a) {
    std::string line = "• *" + name_of(a) + "*";
    if (auto labels = labels_of(a); !labels.empty())
        line += " (" + labels + ")";
    if (auto summary = summary_of(a); !summary.empty())
        line += ": " + summary;
    if (!a.generator_url.empty())
        line += " <" + cleaned(a.generator_url, 500) + "|source>";
    if (auto runbook = label_of(a.annotations, "runbook_url"); !runbook.empty())
        line += " <" + cleaned(runbook, 500) + "|runbook>";
    return line;
}

std::string post_text(std::string_view headline, const std::vector<const alert*>& alerts) {
    std::string text(headline);
    for (std::size_t k = 0; k < alerts.size() && k < max_listed_alerts; ++k)
        text += "\n" + post_line(*alerts[k]);
    if (alerts.size() > max_listed_alerts)
        text += "\n…and " + std::to_string(alerts.size() - max_listed_alerts) +
                " more: `/119 history` lists them all.";
    return text;
}

std::string count_of(std::size_t n, std::string_view one) {
    return std::to_string(n) + " " + std::string(one) + (n == 1 ? "" : "s");
}

// The decision for one group, built in passes: classify every alert, declare at most one
// incident for those that need one, then note, page and resolve.
class group_decision {
public:
    group_decision(const alert_group& group, const alert_view& seen, const context& ctx)
        : group_(group)
        , seen_(seen)
        , ctx_(ctx)
        , config_(ctx.config.alerts) {}

    decision decide() {
        for (const alert& a : group_.alerts)
            classify(a);
        settle_fallbacks();
        if (!fresh_.empty())
            declare();
        for (const auto& [i, alerts] : attached_)
            note_firing(i, alerts);
        for (const auto& [a, route] : pages_)
            page(*a, *route);
        for (const auto& [i, alerts] : resolved_on_)
            note_resolved(i, alerts);
        out_.reply = told();
        return std::move(out_);
    }

private:
    struct routed {
        const alert* a;
        const alert_route* route;
    };

    void classify(const alert& a) {
        auto before = seen_.find_alert(a.fingerprint, a.starts_at);
        if (a.status == alert_status::resolved)
            return resolve(a, before);
        if (before) {
            ++already_seen_;
            return;
        }
        const alert_route* route = route_of(a.labels, ctx_.config.alerts);
        if (!route) {
            ++ignored_;
            return record(a, 0, "");
        }
        switch (route->action) {
        case alert_action::ignore:
            ++ignored_;
            return record(a, 0, "");
        case alert_action::page:
            pages_.push_back({&a, route});
            return;
        case alert_action::declare:
        case alert_action::attach:
            if (auto target = open_target(a))
                return attach(*target, a);
            (route->action == alert_action::declare ? fresh_ : waiting_).push_back({&a, route});
            return;
        }
    }

    // Alerts to attach that found no open incident: to the one the group declares, if it
    // declares one; else as their route's fallback says.
    void settle_fallbacks() {
        for (const routed& r : waiting_)
            if (r.route->fallback == alert_action::declare)
                fresh_.push_back(r);
        for (const routed& r : waiting_) {
            if (r.route->fallback == alert_action::declare)
                continue;
            if (!fresh_.empty()) {
                joining_.push_back(r.a);
            } else if (r.route->fallback == alert_action::page) {
                pages_.push_back(r);
            } else {
                ++ignored_;
                record(*r.a, 0, "");
            }
        }
    }

    // The open incident an alert belongs to: the one its group was noted on, else the newest
    // open one of its service.
    std::optional<incident> open_target(const alert& a) const {
        if (incident_id id = seen_.incident_of_group(group_.group_key); id != 0)
            if (auto i = ctx_.incidents.find(id); i && is_open(*i))
                return i;
        auto service = label_of(a.labels, config_.service_label);
        if (service.empty())
            return std::nullopt;
        for (incident& open : ctx_.incidents.open_incidents())
            if (open.service == service)
                return std::move(open);
        return std::nullopt;
    }

    void attach(const incident& i, const alert& a) {
        auto it = std::find_if(attached_.begin(), attached_.end(),
                               [&](const auto& entry) { return entry.first.id == i.id; });
        if (it == attached_.end())
            attached_.push_back({i, {&a}});
        else
            it->second.push_back(&a);
    }

    std::string service_of(const alert& a) const {
        const service_settings* s =
            ctx_.config.find_service(label_of(a.labels, config_.service_label));
        return s ? s->name : std::string();
    }

    // The route's rotation, else the service's, else eoc.
    std::string rotation_for(const alert& a, const alert_route& route) const {
        if (!route.rotation.empty())
            return route.rotation;
        const service_settings* s =
            ctx_.config.find_service(label_of(a.labels, config_.service_label));
        return s && !s->rotation.empty() ? s->rotation : "eoc";
    }

    std::string title_for(const alert& first) const {
        auto common = label_of(group_.common_annotations, "summary");
        std::string title =
            cleaned(common.empty() ? summary_of(first) : common, max_title_characters);
        if (title.empty())
            title = name_of(first);
        auto checked = title_from(title);
        return checked ? *checked : "Alert " + first.fingerprint;
    }

    // One incident for every alert of the group that needs a new one, led by the first of the
    // most severe: its severity, title, service and rotation. Its rotation's on-call commands it.
    void declare() {
        const severity fallback_level = ctx_.config.workspace.default_severity;
        auto level_of = [&](const routed& r) { return r.route->level.value_or(fallback_level); };
        const routed& first =
            *std::min_element(fresh_.begin(), fresh_.end(), [&](const routed& x, const routed& y) {
                return level_of(x) < level_of(y);
            });
        declaration d;
        d.level = level_of(first);
        d.title = title_for(*first.a);
        d.service = service_of(*first.a);
        auto description = label_of(group_.common_annotations, "description");
        if (description.empty())
            description = label_of(first.a->annotations, "description");
        d.description = shorten(neutralize_mentions(description), max_text_characters);
        std::string rotation = rotation_for(*first.a, *first.route);
        d.page = {rotation};
        d.force = true; // open_target found no open incident of the group or the service
        d.commander = ctx_.people.on_call(rotation, ctx_.now)
                          .value_or(ctx_.people.on_call("eoc", ctx_.now).value_or(""));
        decision declared = declare_incident(std::move(d), /*declarer=*/"", ctx_);
        if (!declared.saved) { // cannot happen with force; the alerts are kept all the same
            for (const routed& r : fresh_)
                record(*r.a, 0, "");
            return;
        }
        declared_ = declared.saved->id;
        std::vector<const alert*> alerts;
        for (const routed& r : fresh_)
            alerts.push_back(r.a);
        alerts.insert(alerts.end(), joining_.begin(), joining_.end());
        attached_.insert(attached_.begin(), std::make_pair(*declared.saved, std::move(alerts)));
        merge(std::move(declared));
    }

    // The declaration's part of the decision; its effects come before the posts in its channel,
    // which are added later.
    void merge(decision declared) {
        out_.saved = std::move(declared.saved);
        auto append = [](auto& to, auto& from) {
            to.insert(to.end(), std::make_move_iterator(from.begin()),
                      std::make_move_iterator(from.end()));
        };
        append(out_.timeline, declared.timeline);
        append(out_.effects, declared.effects);
        append(out_.page_changes, declared.page_changes);
        append(out_.timers_started, declared.timers_started);
        append(out_.timers_stopped, declared.timers_stopped);
    }

    void note_firing(const incident& i, const std::vector<const alert*>& alerts) {
        for (const alert* a : alerts) {
            out_.timeline.push_back(
                {i.id, ctx_.now, "", entry_kind::alert, "alert firing: " + described(*a)});
            record(*a, i.id, "");
        }
        if (i.id != declared_)
            attached_count_ += alerts.size();
        std::string headline =
            alerts.size() == 1
                ? ":rotating_light: Alert firing:"
                : ":rotating_light: " + std::to_string(alerts.size()) + " alerts firing:";
        out_.effects.push_back(post_in_channel(i, post_text(headline, alerts)));
    }

    void page(const alert& a, const alert_route& route) {
        std::string rotation = rotation_for(a, route);
        auto who = ctx_.people.on_call(rotation, ctx_.now);
        if (!who) {
            nobody_.push_back(rotation);
            return record(a, 0, "");
        }
        std::string key = alert_page_key(a);
        std::string what = name_of(a);
        if (auto service = label_of(a.labels, config_.service_label); !service.empty())
            what += " (" + cleaned(service, 100) + ")";
        if (auto summary = summary_of(a); !summary.empty())
            what += ": " + summary;
        out_.effects.push_back(
            page_user{*who, rotation, "[FIRING] " + what,
                      route.level.value_or(ctx_.config.workspace.default_severity), key});
        ++paged_;
        record(a, 0, key);
    }

    void resolve(const alert& a, const std::optional<alert_record>& before) {
        if (before && before->status == alert_status::resolved) {
            ++already_seen_;
            return;
        }
        ++resolved_;
        if (!before) // never seen firing (siren was set up since): kept, nothing to undo
            return record(a, 0, "");
        alert_record updated = *before;
        updated.status = alert_status::resolved;
        updated.ends_at = a.ends_at;
        updated.last_seen = ctx_.now;
        out_.alerts.push_back(updated);
        if (!before->page.empty())
            out_.effects.push_back(resolve_page{before->page});
        if (before->incident == 0)
            return;
        auto it = std::find_if(resolved_on_.begin(), resolved_on_.end(),
                               [&](const auto& entry) { return entry.first == before->incident; });
        if (it == resolved_on_.end())
            resolved_on_.push_back({before->incident, {&a}});
        else
            it->second.push_back(&a);
    }

    void note_resolved(incident_id id, const std::vector<const alert*>& alerts) {
        auto i = ctx_.incidents.find(id);
        if (!i)
            return;
        for (const alert* a : alerts) {
            std::string text = "alert resolved: " + name_of(*a);
            if (auto labels = labels_of(*a); !labels.empty())
                text += " (" + labels + ")";
            if (a->ends_at && *a->ends_at >= a->starts_at)
                text += " after " + format_duration(*a->ends_at - a->starts_at);
            out_.timeline.push_back({id, ctx_.now, "", entry_kind::alert, std::move(text)});
        }
        if (is_open(*i)) // a closed incident's channel may be archived already
            out_.effects.push_back(post_in_channel(
                *i, post_text(alerts.size() == 1
                                  ? ":white_check_mark: Alert resolved:"
                                  : ":white_check_mark: " + std::to_string(alerts.size()) +
                                        " alerts resolved:",
                              alerts)));
    }

    void record(const alert& a, incident_id incident, std::string page) {
        out_.alerts.push_back({.fingerprint = a.fingerprint,
                               .starts_at = a.starts_at,
                               .status = a.status,
                               .group_key = group_.group_key,
                               .name = name_of(a),
                               .labels = labels_of(a),
                               .summary = summary_of(a),
                               .incident = incident,
                               .page = std::move(page),
                               .ends_at = a.ends_at,
                               .first_seen = ctx_.now,
                               .last_seen = ctx_.now});
    }

    // For the log: what the group did.
    std::string told() const {
        std::vector<std::string> parts;
        if (declared_ != 0)
            parts.push_back("declared #" + std::to_string(declared_));
        if (attached_count_ > 0)
            parts.push_back(count_of(attached_count_, "alert") + " attached");
        if (paged_ > 0)
            parts.push_back(count_of(paged_, "page") + " sent");
        for (const auto& rotation : nobody_)
            parts.push_back("nobody on call for " + rotation + " to page");
        if (resolved_ > 0)
            parts.push_back(std::to_string(resolved_) + " resolved");
        if (ignored_ > 0)
            parts.push_back(std::to_string(ignored_) + " ignored");
        if (already_seen_ > 0)
            parts.push_back(std::to_string(already_seen_) + " seen before");
        std::string text = count_of(group_.alerts.size(), "alert") + ":";
        for (std::size_t k = 0; k < parts.size(); ++k)
            text.append(k == 0 ? " " : ", ").append(parts[k]);
        return parts.empty() ? text + " nothing to do" : text;
    }

    const alert_group& group_;
    const alert_view& seen_;
    const context& ctx_;
    const alert_settings& config_;

    decision out_;
    std::vector<routed> fresh_;         // need a new incident
    std::vector<routed> waiting_;       // attach, but no open incident
    std::vector<const alert*> joining_; // attach to the incident the group declares
    std::vector<routed> pages_;
    std::vector<std::pair<incident, std::vector<const alert*>>> attached_;
    std::vector<std::pair<incident_id, std::vector<const alert*>>> resolved_on_;
    std::vector<std::string> nobody_; // rotations with nobody on call to page
    incident_id declared_ = 0;
    std::size_t attached_count_ = 0;
    std::size_t paged_ = 0;
    std::size_t resolved_ = 0;
    std::size_t ignored_ = 0;
    std::size_t already_seen_ = 0;
};

} // namespace

decision on_alerts(const alert_group& group, const alert_view& seen, const context& ctx) {
    return group_decision(group, seen, ctx).decide();
}

const alert_route* route_of(const label_set& labels, const alert_settings& config) {
    for (const alert_route& route : config.routes)
        if (matches(route, labels))
            return &route;
    return nullptr;
}

std::string alert_page_key(const alert& a) {
    return "siren-alert-" + a.fingerprint + "-" +
           std::to_string(a.starts_at.time_since_epoch().count());
}

} // namespace siren::commands
