#pragma once
// A page as siren keeps it: who was paged, for what, through which provider, and what became of
// it. The effects runner records a page once the provider took it; acknowledgements and
// escalations come back as decisions.

#include "incident.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace siren {

enum class page_status { triggered, acknowledged, escalated, resolved };

std::string_view to_string(page_status s);
std::optional<page_status> parse_page_status(std::string_view text);

struct page_record {
    std::int64_t id = 0;
    std::string dedup_key;
    incident_id incident = 0; // 0: a report's page
    user_id user;
    std::string rotation; // the escalation target paged: "eoc", "eoc:secondary", "@dana"
    std::string provider; // "slack", "pagerduty", "opsgenie"
    time_point sent_at{};
    std::optional<time_point> acknowledged_at{};
    user_id acknowledged_by{}; // empty until acknowledged
    std::optional<time_point> escalated_at{};
    std::optional<time_point> resolved_at{};
    page_status status = page_status::triggered;
    std::string summary{}; // why: what the page said
};

// A change a decision makes to a page: acknowledged (by someone) or escalated past.
struct page_change {
    std::string dedup_key;
    page_status to = page_status::acknowledged; // acknowledged or escalated
    user_id by{};                               // who acknowledged; empty for an escalation
};

} // namespace siren
