// commands::on_alerts: how a group of alerts from Alertmanager is routed, declared, attached,
// paged and resolved.

#include "commands/alerts.hpp"
#include "tests/unit/commands/fakes.hpp"

#include <doctest/doctest.h>

using namespace siren;
using siren::testing::effects_of;
using siren::testing::kinds;
using siren::testing::world;

namespace {

bool contains(std::string_view text, std::string_view part) {
    return text.find(part) != std::string_view::npos;
}

// The alerts table, as the store keeps it.
class fake_alerts final : public alert_view {
public:
    std::vector<alert_record> records;

    std::optional<alert_record> find_alert(std::string_view fingerprint,
                                           time_point starts_at) const override {
        for (const auto& r : records)
            if (r.fingerprint == fingerprint && r.starts_at == starts_at)
                return r;
        return std::nullopt;
    }
    incident_id incident_of_group(std::string_view group_key) const override {
        incident_id found = 0;
        for (const auto& r : records)
            if (r.group_key == group_key && r.incident != 0)
                found = r.incident;
        return found;
    }
    void save(const decision& d) {
        for (const auto& a : d.alerts) {
            auto it = std::find_if(records.begin(), records.end(), [&](const alert_record& r) {
                return r.fingerprint == a.fingerprint && r.starts_at == a.starts_at;
            });
            if (it == records.end()) {
                records.push_back(a);
                continue;
            }
            it->status = a.status;
            it->ends_at = a.ends_at;
            it->last_seen = a.last_seen;
            if (a.incident != 0)
                it->incident = a.incident;
            if (!a.page.empty())
                it->page = a.page;
        }
    }
};

const std::string checkout_group = R"({}:{alertname="HighErrorRate", service="checkout"})";

// critical → declare S1; warning → attach, else page; ticket → attach, else declare S3;
// info → ignore; everything else → page the service's rotation.
struct alert_world : world {
    fake_alerts seen;
    time_point started = now - minutes(5);

    alert_world() {
        alert_route critical{.match = {{"severity", "critical"}},
                             .action = alert_action::declare,
                             .level = severity::s1};
        alert_route warning{.match = {{"severity", "warning"}}, .action = alert_action::attach};
        alert_route ticket{.match = {{"severity", "ticket"}},
                           .action = alert_action::attach,
                           .level = severity::s3,
                           .fallback = alert_action::declare};
        alert_route info{.match_re = {{"severity", "info|none"}}, .action = alert_action::ignore};
        alert_route rest{.action = alert_action::page};
        config.alerts.routes = {critical, warning, ticket, info, rest};
    }

    alert firing(std::string fingerprint, std::string severity, std::string summary = "",
                 std::string service = "checkout", std::string name = "HighErrorRate") const {
        alert a;
        a.fingerprint = std::move(fingerprint);
        a.labels = {{"alertname", std::move(name)}, {"severity", std::move(severity)}};
        if (!service.empty())
            a.labels.emplace("service", std::move(service));
        if (!summary.empty())
            a.annotations.emplace("summary", std::move(summary));
        a.starts_at = started;
        a.generator_url = "http://prometheus.local/graph?g0.expr=x";
        return a;
    }

    static alert resolved(alert a, time_point ends) {
        a.status = alert_status::resolved;
        a.ends_at = ends;
        return a;
    }

    static alert_group group(std::vector<alert> alerts, std::string key = checkout_group) {
        alert_group g;
        g.group_key = std::move(key);
        g.alerts = std::move(alerts);
        return g;
    }

    decision run_alerts(const alert_group& g) const { return commands::on_alerts(g, seen, ctx()); }

    // Decides and keeps the decision, as the dispatcher and the store would.
    decision receive(const alert_group& g) {
        decision d = run_alerts(g);
        incidents.save(d, now);
        seen.save(d);
        return d;
    }
};

std::vector<timeline_entry> alert_entries(const decision& d) {
    std::vector<timeline_entry> out;
    for (const auto& e : d.timeline)
        if (e.kind == entry_kind::alert)
            out.push_back(e);
    return out;
}

} // namespace

TEST_SUITE_BEGIN("alerts");

TEST_CASE("alerts: the first route that matches wins; a missing label is empty") {
    alert_world w;
    const auto& routes = w.config.alerts;
    CHECK(commands::route_of({{"severity", "critical"}}, routes) == &routes.routes[0]);
    CHECK(commands::route_of({{"severity", "info"}}, routes) == &routes.routes[3]);
    CHECK(commands::route_of({{"severity", "none"}}, routes) == &routes.routes[3]);
    // match_re is anchored at both ends.
    CHECK(commands::route_of({{"severity", "informational"}}, routes) == &routes.routes[4]);
    CHECK(commands::route_of({}, routes) == &routes.routes[4]);

    alert_settings strict;
    strict.routes = {{.match = {{"team", ""}}, .action = alert_action::ignore},
                     {.match_re = {{"team", "db-.*"}}, .action = alert_action::page}};
    CHECK(commands::route_of({{"severity", "x"}}, strict) == &strict.routes[0]);
    CHECK(commands::route_of({{"team", "db-primary"}}, strict) == &strict.routes[1]);
    CHECK(commands::route_of({{"team", "web"}}, strict) == nullptr);
    // Long values never reach the regex engine.
    CHECK(commands::route_of({{"team", "db-" + std::string(5000, 'x')}}, strict) == nullptr);
}

TEST_CASE("alerts: a critical group declares one incident, as /incident declare does") {
    alert_world w;
    auto g = w.group({w.firing("b27ebb78fdf033be", "critical", "Checkout 5xx > 5%"),
                      w.firing("4d6490073453379d", "critical", "Checkout 5xx > 5%")});
    decision d = w.run_alerts(g);

    REQUIRE(d.saved);
    const incident& i = *d.saved;
    CHECK(i.id == 1);
    CHECK(i.title == "Checkout 5xx > 5%");
    CHECK(i.level == severity::s1);
    CHECK(i.service == "checkout");
    CHECK(i.declared_by.empty()); // siren itself
    CHECK(owner(i) == "bob");     // the on-call of checkout's rotation commands it
    CHECK(i.channel_name == "incident-20260324-checkout-5xx-5");

    // The same effects a typed declaration makes, then the alerts posted in the new channel.
    world typed;
    decision by_hand =
        typed.run("/incident", "declare S1 Checkout 5xx > 5% --service checkout", "alice");
    auto alert_kinds = kinds(d);
    auto typed_kinds = kinds(by_hand);
    REQUIRE(alert_kinds.size() == typed_kinds.size() + 1);
    CHECK(std::equal(typed_kinds.begin(), typed_kinds.end(), alert_kinds.begin()));
    CHECK(alert_kinds.back() == "post_message");

    auto pages = effects_of<page_user>(d);
    REQUIRE(pages.size() == 2); // S1 pages eoc and imoc; bob commands but did not declare
    CHECK(pages[0].user == "bob");
    CHECK(pages[0].dedup_key == "siren-1-eoc");
    CHECK(pages[1].user == "carol");
    CHECK(d.timers_started.size() == by_hand.timers_started.size());
    auto duties = effects_of<notify_user>(d);
    REQUIRE(duties.size() == 1);
    CHECK(duties[0].user == "bob");
    auto invited = effects_of<invite_users>(d);
    REQUIRE(invited.size() == 1);
    CHECK(invited[0].users == std::vector<user_id>{"bob", "carol"});
    auto posts = effects_of<post_message>(d);
    CHECK(contains(posts.back().text, "2 alerts firing"));
    CHECK(contains(posts.back().text, "*HighErrorRate* (service=checkout severity=critical)"));
    CHECK(contains(posts.back().text, "<http://prometheus.local/graph?g0.expr=x|source>"));
    CHECK(posts.back().channel == i.channel_name);
    bool announced_by_siren = std::any_of(posts.begin(), posts.end(), [](const post_message& p) {
        return p.channel == "production" && contains(p.text, "declared by siren");
    });
    CHECK(announced_by_siren);

    auto entries = alert_entries(d);
    REQUIRE(entries.size() == 2);
    CHECK(entries[0].incident == 1);
    CHECK(entries[0].actor.empty());
    CHECK(entries[0].text ==
          "alert firing: HighErrorRate (service=checkout severity=critical): Checkout 5xx > 5%");
    CHECK(d.timeline.front().kind == entry_kind::declared);

    REQUIRE(d.alerts.size() == 2);
    CHECK(d.alerts[0].fingerprint == "b27ebb78fdf033be");
    CHECK(d.alerts[0].starts_at == w.started);
    CHECK(d.alerts[0].incident == 1);
    CHECK(d.alerts[0].group_key == checkout_group);
    CHECK(d.alerts[0].name == "HighErrorRate");
    CHECK(d.alerts[0].summary == "Checkout 5xx > 5%");
    CHECK(d.alerts[0].first_seen == w.now);
    CHECK(contains(d.reply, "declared #1"));
}

TEST_CASE("alerts: the same alerts again do nothing") {
    alert_world w;
    auto g = w.group({w.firing("b27ebb78fdf033be", "critical", "Checkout 5xx > 5%")});
    w.receive(g);
    decision again = w.run_alerts(g);
    CHECK(again.is_reply_only());
    CHECK(contains(again.reply, "1 seen before"));
}

TEST_CASE("alerts: a warning attaches to the open incident of its service") {
    alert_world w;
    w.receive(w.group({w.firing("b27ebb78fdf033be", "critical", "Checkout 5xx > 5%")}));
    auto latency =
        w.firing("0000000000000abc", "warning", "p99 above 2s", "checkout", "HighLatency");
    decision d = w.run_alerts(w.group({latency}, "{}:{alertname=\"HighLatency\"}"));

    CHECK_FALSE(d.saved);
    CHECK(effects_of<page_user>(d).empty());
    auto entries = alert_entries(d);
    REQUIRE(entries.size() == 1);
    CHECK(entries[0].incident == 1);
    CHECK(entries[0].text ==
          "alert firing: HighLatency (service=checkout severity=warning): p99 above 2s");
    auto posts = effects_of<post_message>(d);
    REQUIRE(posts.size() == 1);
    CHECK(posts[0].channel == "incident-20260324-checkout-5xx-5");
    CHECK(contains(posts[0].text, ":rotating_light: Alert firing:\n• *HighLatency*"));
    REQUIRE(d.alerts.size() == 1);
    CHECK(d.alerts[0].incident == 1);
    CHECK(contains(d.reply, "1 alert attached"));
}

TEST_CASE("alerts: an alert of a group already on an incident joins it, whatever its service") {
    alert_world w;
    w.receive(w.group({w.firing("b27ebb78fdf033be", "critical", "Checkout 5xx > 5%")}));
    decision d = w.run_alerts(w.group({w.firing("00000000000000ff", "critical", "", "search")}));
    CHECK_FALSE(d.saved);
    REQUIRE(alert_entries(d).size() == 1);
    CHECK(alert_entries(d)[0].incident == 1);
}

TEST_CASE("alerts: a critical alert of a service with an open incident attaches to it") {
    alert_world w;
    w.receive(w.group({w.firing("b27ebb78fdf033be", "critical", "Checkout 5xx > 5%")}));
    decision d = w.run_alerts(
        w.group({w.firing("0000000000000001", "critical", "Checkout down", "checkout", "Down")},
                "{}:{alertname=\"Down\"}"));
    CHECK_FALSE(d.saved);
    REQUIRE(alert_entries(d).size() == 1);
    CHECK(alert_entries(d)[0].incident == 1);
}

TEST_CASE("alerts: a warning with no open incident pages the service's on-call") {
    alert_world w;
    auto a = w.firing("4d6490073453379d", "warning", "Disk 95%", "checkout", "DiskFull");
    decision d = w.run_alerts(w.group({a}));

    CHECK_FALSE(d.saved);
    CHECK(d.timeline.empty());
    auto pages = effects_of<page_user>(d);
    REQUIRE(pages.size() == 1);
    CHECK(pages[0].user == "bob");
    CHECK(pages[0].rotation == "eoc");
    CHECK(pages[0].summary == "[FIRING] DiskFull (checkout): Disk 95%");
    CHECK(pages[0].level == severity::s2);
    CHECK(pages[0].dedup_key ==
          "siren-alert-4d6490073453379d-" + std::to_string(w.started.time_since_epoch().count()));
    CHECK(pages[0].dedup_key == commands::alert_page_key(a));
    REQUIRE(d.alerts.size() == 1);
    CHECK(d.alerts[0].incident == 0);
    CHECK(d.alerts[0].page == pages[0].dedup_key);
    CHECK(contains(d.reply, "1 page sent"));
}

TEST_CASE("alerts: a page route names its rotation; nobody on call is recorded, not paged") {
    alert_world w;
    w.config.alerts.routes.back().rotation = "cmoc";
    decision d = w.run_alerts(w.group({w.firing("0000000000000002", "page-me", "", "")}));
    auto pages = effects_of<page_user>(d);
    REQUIRE(pages.size() == 1);
    CHECK(pages[0].user == "dave");
    CHECK(pages[0].rotation == "cmoc");
    CHECK(pages[0].summary == "[FIRING] HighErrorRate");

    w.people.on_call_now.erase("cmoc");
    decision nobody = w.run_alerts(w.group({w.firing("0000000000000002", "page-me", "", "")}));
    CHECK(effects_of<page_user>(nobody).empty());
    REQUIRE(nobody.alerts.size() == 1);
    CHECK(nobody.alerts[0].page.empty());
    CHECK(contains(nobody.reply, "nobody on call for cmoc"));
}

TEST_CASE("alerts: a fallback may declare, and a group declares once with its worst severity") {
    alert_world w;
    decision ticket = w.run_alerts(w.group({w.firing("0000000000000003", "ticket", "Queue slow")}));
    REQUIRE(ticket.saved);
    CHECK(ticket.saved->level == severity::s3);
    // S3 pages nobody by policy, but the service's on-call is paged: an alert woke nobody else.
    auto pages = effects_of<page_user>(ticket);
    REQUIRE(pages.size() == 1);
    CHECK(pages[0].user == "bob");

    auto g = w.group({w.firing("0000000000000003", "ticket", "Queue slow"),
                      w.firing("0000000000000004", "warning", "Latency"),
                      w.firing("0000000000000005", "critical", "Checkout 5xx > 5%")});
    decision d = w.run_alerts(g);
    REQUIRE(d.saved);
    CHECK(d.saved->level == severity::s1);
    CHECK(d.saved->title == "Checkout 5xx > 5%"); // led by the most severe alert
    CHECK(effects_of<create_channel>(d).size() == 1);
    auto entries = alert_entries(d);
    REQUIRE(entries.size() == 3);
    for (const auto& e : entries)
        CHECK(e.incident == d.saved->id);
    for (const auto& p : effects_of<page_user>(d))
        CHECK_FALSE(p.dedup_key.starts_with("siren-alert-")); // the warning joined, not paged
    CHECK(d.alerts.size() == 3);
}

TEST_CASE("alerts: a resolved alert is noted where it was attached, once") {
    alert_world w;
    auto a = w.firing("b27ebb78fdf033be", "critical", "Checkout 5xx > 5%");
    w.receive(w.group({a}));
    w.now += minutes(10);
    auto g = w.group({alert_world::resolved(a, w.now - minutes(1))});
    decision d = w.run_alerts(g);

    CHECK_FALSE(d.saved);
    auto entries = alert_entries(d);
    REQUIRE(entries.size() == 1);
    CHECK(entries[0].incident == 1);
    CHECK(entries[0].text ==
          "alert resolved: HighErrorRate (service=checkout severity=critical) after 14m");
    auto posts = effects_of<post_message>(d);
    REQUIRE(posts.size() == 1);
    CHECK(contains(posts[0].text, ":white_check_mark: Alert resolved:"));
    REQUIRE(d.alerts.size() == 1);
    CHECK(d.alerts[0].status == alert_status::resolved);
    CHECK(d.alerts[0].incident == 1);
    CHECK(d.alerts[0].first_seen == w.now - minutes(10));
    CHECK(d.alerts[0].ends_at == w.now - minutes(1));

    w.incidents.save(d, w.now);
    w.seen.save(d);
    CHECK(w.run_alerts(g).is_reply_only());
}

TEST_CASE("alerts: resolving an alert resolves the page it sent") {
    alert_world w;
    auto a = w.firing("4d6490073453379d", "warning", "Disk 95%");
    decision paged = w.receive(w.group({a}));
    auto resolved = w.run_alerts(w.group({alert_world::resolved(a, w.now)}));
    auto resolves = effects_of<resolve_page>(resolved);
    REQUIRE(resolves.size() == 1);
    CHECK(resolves[0].dedup_key == effects_of<page_user>(paged)[0].dedup_key);
    CHECK(alert_entries(resolved).empty());
}

TEST_CASE("alerts: an incident closed since keeps its timeline but gets no post") {
    alert_world w;
    auto a = w.firing("b27ebb78fdf033be", "critical", "Checkout 5xx > 5%");
    w.receive(w.group({a}));
    w.incidents.incidents[0].current = stage::resolved;
    w.incidents.incidents[0].resolved_at = w.now;
    decision d = w.run_alerts(w.group({alert_world::resolved(a, w.now)}));
    CHECK(alert_entries(d).size() == 1);
    CHECK(effects_of<post_message>(d).empty());

    // A new alert of that group after the incident was resolved opens a new one.
    decision again = w.run_alerts(w.group({w.firing("00000000000000aa", "critical", "Again")}));
    REQUIRE(again.saved);
    CHECK(again.saved->id == 2);
}

TEST_CASE("alerts: ignored, unrouted and unknown resolved alerts are only recorded") {
    alert_world w;
    decision ignored = w.run_alerts(w.group({w.firing("0000000000000006", "info")}));
    CHECK(ignored.effects.empty());
    CHECK(ignored.timeline.empty());
    REQUIRE(ignored.alerts.size() == 1);
    CHECK_FALSE(ignored.is_reply_only());
    CHECK(contains(ignored.reply, "1 ignored"));

    w.config.alerts.routes.pop_back(); // no catch-all
    decision unrouted = w.run_alerts(w.group({w.firing("0000000000000007", "other")}));
    CHECK(unrouted.effects.empty());
    CHECK(unrouted.alerts.size() == 1);

    decision unknown = w.run_alerts(
        w.group({alert_world::resolved(w.firing("0000000000000008", "critical"), w.now)}));
    CHECK(unknown.effects.empty());
    REQUIRE(unknown.alerts.size() == 1);
    CHECK(unknown.alerts[0].status == alert_status::resolved);
}

TEST_CASE("alerts: what an alert says cannot notify a whole channel") {
    alert_world w;
    w.receive(w.group({w.firing("b27ebb78fdf033be", "critical", "Checkout 5xx > 5%")}));
    decision d = w.run_alerts(
        w.group({w.firing("0000000000000009", "warning", "<!channel> wake up\nnow")}, "other"));
    auto posts = effects_of<post_message>(d);
    REQUIRE(posts.size() == 1);
    CHECK_FALSE(contains(posts[0].text, "<!channel>"));
    CHECK(contains(posts[0].text, "@channel wake up now"));
}

TEST_SUITE_END();
