#pragma once
// In-memory stand-ins for what command handlers read (the store's incident_view, the people
// directory) and a small world to run commands in. No doctest here: the fuzz target uses them.

#include "commands/command.hpp"
#include "commands/timers.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace siren::testing {

class fake_incidents final : public incident_view {
public:
    std::vector<incident> incidents;
    std::vector<timeline_entry> entries; // in the order they were stored
    std::vector<report> reports;
    std::set<std::string, std::less<>> taken_names; // besides the incidents' own
    std::vector<page_record> sent_pages;
    std::vector<timer> timers; // pending ones
    std::vector<override_record> overrides;
    std::vector<follow_up_action> follow_ups;
    std::vector<review> reviews;

    std::optional<incident> find(incident_id id) const override {
        for (const auto& i : incidents)
            if (i.id == id)
                return i;
        return std::nullopt;
    }
    std::optional<incident> find_by_channel(std::string_view channel) const override {
        for (const auto& i : incidents)
            if (i.channel_name == channel || (!i.channel_id.empty() && i.channel_id == channel))
                return i;
        return std::nullopt;
    }
    std::vector<incident> open_incidents() const override {
        std::vector<incident> open;
        for (const auto& i : incidents)
            if (is_open(i))
                open.push_back(i);
        std::sort(open.begin(), open.end(), [](const incident& a, const incident& b) {
            return a.declared_at != b.declared_at ? a.declared_at > b.declared_at : a.id > b.id;
        });
        return open;
    }
    std::vector<incident> newest_open_incidents(std::size_t limit) const override {
        auto open = open_incidents();
        open.resize(std::min(open.size(), limit));
        return open;
    }
    std::vector<incident> resolved_since(time_point since) const override {
        std::vector<incident> found;
        for (const auto& i : incidents)
            if (i.resolved_at && *i.resolved_at >= since)
                found.push_back(i);
        return found;
    }
    std::vector<follow_up_action> actions(incident_id id) const override {
        std::vector<follow_up_action> found;
        for (const auto& a : follow_ups)
            if (a.incident == id)
                found.push_back(a);
        return found;
    }
    std::optional<review> find_review(incident_id id) const override {
        for (const auto& r : reviews)
            if (r.incident == id)
                return r;
        return std::nullopt;
    }
    std::vector<timeline_entry> timeline(incident_id id) const override {
        std::vector<timeline_entry> out;
        for (const auto& e : entries)
            if (e.incident == id)
                out.push_back(e);
        return out;
    }
    bool channel_name_taken(std::string_view name) const override {
        return taken_names.count(name) > 0 ||
               std::any_of(incidents.begin(), incidents.end(),
                           [&](const incident& i) { return i.channel_name == name; });
    }
    incident_id next_incident_id() const override {
        incident_id last = 0;
        for (const auto& i : incidents)
            last = std::max(last, i.id);
        return last + 1;
    }
    std::optional<report> find_report(report_id id) const override {
        for (const auto& r : reports)
            if (r.id == id)
                return r;
        return std::nullopt;
    }
    report_id next_report_id() const override {
        report_id last = 0;
        for (const auto& r : reports)
            last = std::max(last, r.id);
        return last + 1;
    }

    std::vector<page_record> pages(incident_id id) const override {
        std::vector<page_record> out;
        for (const auto& p : sent_pages)
            if (p.incident == id)
                out.push_back(p);
        return out;
    }
    std::vector<page_record> pages_sent_since(time_point since) const override {
        std::vector<page_record> out;
        for (const auto& p : sent_pages)
            if (p.sent_at >= since)
                out.push_back(p);
        return out;
    }
    std::optional<page_record> find_page(std::string_view dedup_key) const override {
        for (const auto& p : sent_pages)
            if (p.dedup_key == dedup_key)
                return p;
        return std::nullopt;
    }
    std::vector<timer> pending_timers(incident_id id) const override {
        std::vector<timer> out;
        for (const auto& t : timers)
            if (t.incident == id)
                out.push_back(t);
        std::stable_sort(out.begin(), out.end(),
                         [](const timer& a, const timer& b) { return a.due_at < b.due_at; });
        return out;
    }
    std::vector<override_record> override_records(std::string_view rotation) const override {
        std::vector<override_record> out;
        for (const auto& o : overrides)
            if (o.what.rotation == rotation)
                out.push_back(o);
        return out;
    }

    // What the effects runner records when a page is sent.
    void page_sent(const page_user& p, incident_id incident, time_point at,
                   std::string provider = "slack") {
        sent_pages.push_back({.id = static_cast<std::int64_t>(sent_pages.size() + 1),
                              .dedup_key = p.dedup_key,
                              .incident = incident,
                              .user = p.user,
                              .rotation = p.rotation,
                              .provider = std::move(provider),
                              .sent_at = at});
    }

    // Keeps a decision as the store would: the incident and report replaced or added, the
    // timeline appended, pages changed, timers started and stopped, overrides added and removed,
    // the review and follow-up actions replaced or added.
    void save(const decision& d, time_point now = {}) {
        save_pages_and_timers(d, now);
        if (d.saved) {
            auto it = std::find_if(incidents.begin(), incidents.end(),
                                   [&](const incident& i) { return i.id == d.saved->id; });
            if (it == incidents.end())
                incidents.push_back(*d.saved);
            else
                *it = *d.saved;
        }
        if (d.saved_report) {
            auto it = std::find_if(reports.begin(), reports.end(),
                                   [&](const report& r) { return r.id == d.saved_report->id; });
            if (it == reports.end())
                reports.push_back(*d.saved_report);
            else
                *it = *d.saved_report;
        }
        entries.insert(entries.end(), d.timeline.begin(), d.timeline.end());
        save_review_and_actions(d);
    }

private:
    void save_review_and_actions(const decision& d) {
        if (d.saved_review) {
            auto it = std::find_if(reviews.begin(), reviews.end(), [&](const review& r) {
                return r.incident == d.saved_review->incident;
            });
            if (it == reviews.end())
                reviews.push_back(*d.saved_review);
            else
                *it = *d.saved_review;
        }
        for (const auto& a : d.actions_saved) {
            auto it = std::find_if(follow_ups.begin(), follow_ups.end(), [&](const auto& b) {
                return b.incident == a.incident && b.number == a.number;
            });
            if (it == follow_ups.end())
                follow_ups.push_back(a);
            else
                *it = a;
        }
    }

    void save_pages_and_timers(const decision& d, time_point now) {
        for (const auto& change : d.page_changes)
            for (auto& p : sent_pages)
                if (p.dedup_key == change.dedup_key) {
                    if (change.to == page_status::acknowledged && !p.acknowledged_at &&
                        !p.resolved_at) {
                        p.status = page_status::acknowledged;
                        p.acknowledged_at = now;
                        p.acknowledged_by = change.by;
                    } else if (change.to == page_status::escalated &&
                               p.status == page_status::triggered) {
                        p.status = page_status::escalated;
                        p.escalated_at = now;
                    }
                }
        for (const auto& stop : d.timers_stopped)
            std::erase_if(timers, [&](const timer& t) {
                return t.kind == stop.kind && t.incident == stop.incident;
            });
        for (timer t : d.timers_started) {
            t.id = next_timer_id++;
            timers.push_back(std::move(t));
        }
        for (override_record o : d.overrides_added) {
            o.id = next_override_id++;
            overrides.push_back(std::move(o));
        }
        for (auto id : d.overrides_removed)
            std::erase_if(overrides, [&](const override_record& o) { return o.id == id; });
    }

    std::int64_t next_timer_id = 1;
    std::int64_t next_override_id = 1;
};

class fake_directory final : public directory {
public:
    std::set<std::string, std::less<>> people;
    std::map<std::string, user_id, std::less<>> on_call_now; // rotation → person
    std::map<std::string, std::string, std::less<>> zones;

    bool knows(std::string_view user) const override { return people.count(user) > 0; }
    // Tracks with a schedule of their own; the others have on_call_now's person all the time.
    std::map<std::string, std::vector<shift>, std::less<>> schedules;

    std::optional<user_id> on_call(std::string_view track, time_point now) const override {
        auto current = shifts(track, now, now + seconds(1));
        if (current.empty())
            return std::nullopt;
        return current.front().person;
    }
    std::vector<shift> shifts(std::string_view track, time_point from,
                              time_point until) const override {
        if (auto it = schedules.find(track); it != schedules.end()) {
            std::vector<shift> out;
            for (const auto& s : it->second)
                if (s.start < until && s.end > from)
                    out.push_back(s);
            return out;
        }
        auto it = on_call_now.find(track);
        if (it == on_call_now.end())
            return {};
        return {{.person = it->second, .start = from, .end = until}};
    }
    std::optional<user_id> user_of(std::string_view handle) const override {
        if (!knows(handle))
            return std::nullopt;
        return user_id(handle);
    }
    std::string time_zone(std::string_view user) const override {
        auto it = zones.find(user);
        return it == zones.end() ? "" : it->second;
    }
};

// S0..S4 with aliases P1..P4; S0 and S1 page the EOC and the IMOC and are announced, S2 pages
// the EOC, S3 and S4 page nobody. Services checkout (runbook, links) and search (none).
inline settings test_config() {
    using namespace std::chrono_literals;
    settings c;
    c.workspace.announce_channel = "production";
    c.workspace.default_severity = severity::s2;
    c.workspace.duplicate_window = minutes{30};
    auto policy = [](severity level, std::vector<std::string> aliases, std::string description,
                     std::vector<std::string> page, bool announce, public_status initial) {
        severity_policy p;
        p.level = level;
        p.aliases = std::move(aliases);
        p.description = std::move(description);
        p.page = std::move(page);
        p.announce = announce;
        p.initial_status = initial;
        return p;
    };
    c.severities = {
        policy(severity::s0, {}, "Critical", {"eoc", "imoc"}, true,
               public_status::service_disruption),
        policy(severity::s1, {"P1"}, "Major", {"eoc", "imoc"}, true,
               public_status::partial_service_disruption),
        policy(severity::s2, {"P2"}, "Minor", {"eoc"}, false, public_status::degraded_performance),
        policy(severity::s3, {"P3"}, "Low", {}, false, public_status::degraded_performance),
        policy(severity::s4, {"P4"}, "Cosmetic", {}, false, public_status::operational),
    };
    c.roles = {
        {role::ic, "Coordinate the response; update every 30 minutes."},
        {role::tl, "Find and fix the cause."},
        {role::cl, "Keep the status page and stakeholders informed."},
    };
    for (const char* name : {"eoc", "imoc", "cmoc", "security"}) {
        rotation_settings r;
        r.name = name;
        c.rotations.push_back(r);
    }
    service_settings checkout;
    checkout.name = "checkout";
    checkout.runbook = "https://runbooks.example.com/checkout";
    checkout.links = {{"Dashboard", "https://grafana.example.com/d/checkout"}};
    service_settings search;
    search.name = "search";
    c.services = {checkout, search};
    return c;
}

// A workspace where alice, bob, carol, dave, erin, frank and grace work; bob is the EOC, carol
// the IMOC, dave the CMOC and erin the security on call. It is 2026-03-24 08:15 UTC.
struct world {
    settings config = test_config();
    fake_incidents incidents;
    fake_directory people;
    time_point now =
        std::chrono::sys_days{std::chrono::year{2026} / 3 / 24} + hours{8} + minutes{15};

    world() {
        people.people = {"alice", "bob", "carol", "dave", "erin", "frank", "grace"};
        people.on_call_now = {
            {"eoc", "bob"}, {"imoc", "carol"}, {"cmoc", "dave"}, {"security", "erin"}};
    }

    commands::context ctx() const { return {config, incidents, people, now}; }

    decision run(std::string command, std::string text, user_id user = "alice",
                 std::string channel = "general",
                 std::map<std::string, std::string> answers = {}) const {
        return commands::handle({std::move(command), std::move(text), std::move(user),
                                 std::move(channel), std::move(answers)},
                                ctx());
    }

    // Runs a command and keeps what it decided.
    decision act(std::string command, std::string text, user_id user = "alice",
                 std::string channel = "general", std::map<std::string, std::string> answers = {}) {
        decision d = run(std::move(command), std::move(text), std::move(user), std::move(channel),
                         std::move(answers));
        incidents.save(d, now);
        return d;
    }

    // Lets time pass, firing each timer at its due time (the earliest first) as the daemon's
    // timer loop does, and keeps what each decided. The effects and timeline of all of them.
    decision wait(minutes span) {
        time_point end = now + span;
        decision all;
        for (;;) {
            auto due = std::min_element(
                incidents.timers.begin(), incidents.timers.end(),
                [](const timer& a, const timer& b) { return a.due_at < b.due_at; });
            if (due == incidents.timers.end() || due->due_at > end) {
                now = end;
                return all;
            }
            now = std::max(now, due->due_at);
            timer fired = *due;
            incidents.timers.erase(due);
            decision d = commands::on_timer(fired, ctx());
            incidents.save(d, now);
            all.effects.insert(all.effects.end(), d.effects.begin(), d.effects.end());
            all.timeline.insert(all.timeline.end(), d.timeline.begin(), d.timeline.end());
        }
    }
};

// The kinds of a decision's effects, in order: {"create_channel", "invite_users", ...}.
inline std::vector<std::string> kinds(const decision& d) {
    std::vector<std::string> out;
    for (const auto& e : d.effects)
        out.emplace_back(kind_of(e));
    return out;
}

// Every effect of one type, in order.
template <class T>
std::vector<T> effects_of(const decision& d) {
    std::vector<T> out;
    for (const auto& e : d.effects)
        if (const T* x = std::get_if<T>(&e))
            out.push_back(*x);
    return out;
}

} // namespace siren::testing
