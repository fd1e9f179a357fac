#include "settings.hpp"

#include <algorithm>

namespace siren {

namespace {
bool same_ignoring_case(std::string_view a, std::string_view b) {
    return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](char x, char y) {
        auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; };
        return lower(x) == lower(y);
    });
}

template <class T>
const T* find_named(const std::vector<T>& items, std::string_view name) {
    auto it = std::find_if(items.begin(), items.end(), [&](const T& t) { return t.name == name; });
    return it == items.end() ? nullptr : &*it;
}
} // namespace

const severity_policy& settings::policy(severity s) const {
    static const severity_policy none;
    for (const auto& p : severities)
        if (p.level == s)
            return p;
    return none;
}

std::optional<severity> settings::find_severity(std::string_view text) const {
    if (auto s = parse_severity(text))
        return s;
    for (const auto& p : severities)
        for (const auto& alias : p.aliases)
            if (same_ignoring_case(alias, text))
                return p.level;
    return std::nullopt;
}

const service_settings* settings::find_service(std::string_view name) const {
    return find_named(services, name);
}

const rotation_settings* settings::find_rotation(std::string_view name) const {
    return find_named(rotations, name);
}

const escalation_policy* settings::find_escalation(std::string_view name) const {
    return find_named(escalations, name);
}

const person* settings::find_person(std::string_view handle_or_slack_id) const {
    for (const auto& p : people)
        if (p.handle == handle_or_slack_id ||
            (!p.slack_id.empty() && p.slack_id == handle_or_slack_id))
            return &p;
    return nullptr;
}

std::string_view settings::duties(role r) const {
    for (const auto& rs : roles)
        if (rs.which == r)
            return rs.duties;
    return {};
}

} // namespace siren
