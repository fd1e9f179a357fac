#pragma once
// Alerts from Prometheus Alertmanager (protocols.md §7): one webhook delivery is an alert group,
// and each alert instance (fingerprint + startsAt) is recorded once. adapters/ parses the wire
// format into these types; commands/alerts decides what each alert does; the store keeps them.

#include "incident.hpp"
#include "time.hpp"

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace siren {

enum class alert_status { firing, resolved };

std::string_view to_string(alert_status s);
std::optional<alert_status> parse_alert_status(std::string_view text);

using label_set = std::map<std::string, std::string, std::less<>>;

struct alert {
    alert_status status = alert_status::firing;
    label_set labels{};
    label_set annotations{};
    time_point starts_at{};
    std::optional<time_point> ends_at{}; // nullopt while firing (Alertmanager sends year 1)
    std::string generator_url{};
    std::string fingerprint{}; // hex digits, stable for a label set
};

// One webhook delivery: the alerts of one aggregation group.
struct alert_group {
    std::string receiver{};
    std::string group_key{}; // identifies the aggregation group: one group, at most one incident
    alert_status status = alert_status::firing; // firing if any alert of the group fires
    label_set group_labels{};
    label_set common_labels{};
    label_set common_annotations{};
    std::string external_url{};
    std::vector<alert> alerts{};
    long long truncated_alerts = 0; // alerts Alertmanager left out (max_alerts)
};

// One alert instance as the store keeps it, keyed by fingerprint and starts_at. Recording a key
// again updates status, ends_at, incident, page and last_seen and keeps first_seen.
struct alert_record {
    std::string fingerprint{};
    time_point starts_at{};
    alert_status status = alert_status::firing;
    std::string group_key{};
    std::string name{};    // the alertname label
    std::string labels{};  // "instance=10.0.0.1:9100 service=checkout": every label but alertname
    std::string summary{}; // the summary annotation (else description), as received
    incident_id incident = 0; // the incident it was declared or attached to; 0: none
    std::string page{};       // the dedup key of the page it sent; empty: none
    std::optional<time_point> ends_at{};
    time_point first_seen{};
    time_point last_seen{};
};

// What the alert decisions read of the recorded alerts. The store implements it; tests use a fake.
class alert_view {
public:
    virtual ~alert_view() = default;

    virtual std::optional<alert_record> find_alert(std::string_view fingerprint,
                                                   time_point starts_at) const = 0;
    // The incident an alert of this group was last declared or attached to; 0: none.
    virtual incident_id incident_of_group(std::string_view group_key) const = 0;
};

} // namespace siren
