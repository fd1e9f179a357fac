#include "adapters/pagerduty/pagerduty_webhook.hpp"

#include "adapters/hex.hpp"
#include "adapters/hmac.hpp"
#include "adapters/pagers/json_access.hpp"

#include <array>
#include <optional>

namespace siren::pagerduty {

namespace {

using pagers::detail::json;

constexpr std::string_view version_prefix = "v1=";
using adapters::hmac_sha256;
using adapters::sha256_size;

std::string_view trimmed(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t'))
        text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t'))
        text.remove_suffix(1);
    return text;
}

outcome<webhook_event> malformed(std::string why) {
    return outcome<webhook_event>(boost::system::in_place_error, std::move(why));
}

} // namespace

outcome<> verify_pagerduty_signature(std::string_view signature_header, std::string_view raw_body,
                                     std::string_view secret) {
    if (secret.empty())
        return refuse("no PagerDuty webhook secret is configured");
    auto actual = hmac_sha256(secret, raw_body);
    if (!actual)
        return refuse("the PagerDuty webhook signature could not be computed");
    bool any_v1 = false;
    bool matched = false;
    std::string_view rest = signature_header;
    while (!rest.empty()) {
        auto comma = rest.find(',');
        std::string_view entry = trimmed(rest.substr(0, comma));
        rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
        if (!entry.starts_with(version_prefix))
            continue;
        auto expected = adapters::parse_hex<sha256_size>(entry.substr(version_prefix.size()));
        if (!expected)
            continue;
        any_v1 = true;
        // Every entry is compared, so the time taken says nothing about which one matched.
        matched |= adapters::same_digest(*actual, *expected);
    }
    if (!any_v1)
        return refuse("X-PagerDuty-Signature has no v1= entry of 64 hex digits");
    if (!matched)
        return refuse("X-PagerDuty-Signature does not match the request body");
    return {};
}

outcome<webhook_event> parse_pagerduty_webhook(std::string_view body) {
    using pagers::detail::text_at;
    auto root = pagers::detail::parse_object(body);
    if (!root)
        return malformed("the PagerDuty webhook body is not a JSON object");
    const json* event = pagers::detail::find(*root, {"event"});
    if (!event || !event->is_object())
        return malformed("the PagerDuty webhook body has no event object");

    webhook_event out;
    out.event_id = text_at(*event, {"id"});
    out.event_type = text_at(*event, {"event_type"});
    out.resource_type = text_at(*event, {"resource_type"});
    if (out.event_id.empty())
        return malformed("the PagerDuty webhook event has no id");
    if (out.event_type.empty())
        return malformed("the PagerDuty webhook event has no event_type");
    auto occurred_at = parse_iso8601(text_at(*event, {"occurred_at"}));
    if (!occurred_at)
        return malformed("the PagerDuty webhook event has no ISO 8601 occurred_at");
    out.occurred_at = *occurred_at;
    out.agent_id = text_at(*event, {"agent", "id"});
    out.agent_name = text_at(*event, {"agent", "summary"});

    if (out.resource_type == "incident") {
        out.incident_id = text_at(*event, {"data", "id"});
        out.incident_status = text_at(*event, {"data", "status"});
        if (out.incident_id.empty())
            return malformed("the PagerDuty incident event has no data.id");
    }
    return out;
}

} // namespace siren::pagerduty
