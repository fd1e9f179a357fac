#pragma once
// What a group of alerts from Alertmanager does, by the routes of the config's `alerts:` section
// (docs/operations.md#alerts-from-alertmanager). Pure: the alerts seen before and the incidents
// come in as views, the decision goes back to the dispatcher, which stores it in one transaction.
//
// A new firing alert takes the first route it matches:
//   declare  notes it on the open incident of its group or service; without one, declares an
//            incident (one for all such alerts of the group) with the route's severity;
//   attach   notes it on that open incident; without one, does what the route's fallback says
//            (and attaches to the incident the group declares, if it declares one);
//   page     pages the on-call of the route's rotation (else the service's, else eoc);
//   ignore   records it only.
// A firing alert seen before (same fingerprint and start) does nothing. A resolved alert is noted
// on the incident it was attached to and resolves the page it sent. Every alert is recorded.

#include "commands/command.hpp"
#include "core/alert.hpp"

#include <string>

namespace siren::commands {

decision on_alerts(const alert_group& group, const alert_view& seen, const context& ctx);

// The first route whose matchers the labels meet; nullptr when none does. A label that is
// missing matches "" (as in Prometheus).
const alert_route* route_of(const label_set& labels, const alert_settings& config);

// "siren-alert-<fingerprint>-<start in unix seconds>": the page of one alert instance.
std::string alert_page_key(const alert& a);

} // namespace siren::commands
