#pragma once
// One reader per top-level section. Each fills its part of `out` from the section's value and
// reports what is wrong; values that are wrong keep their defaults. Sections that refer to others
// are read after them (see read_document), so each reader can check its references against what
// `out` already holds. Internal to siren_config.

#include "config/reader.hpp"
#include "core/settings.hpp"

#include <string_view>
#include <vector>

namespace siren::config::detail {

// The names of what has been read so far, to check references against.
template <class T>
std::vector<std::string_view> names_of(const std::vector<T>& items) {
    std::vector<std::string_view> names;
    for (const auto& i : items)
        names.push_back(i.name);
    return names;
}

inline std::vector<std::string_view> handles_of(const settings& s) {
    std::vector<std::string_view> handles;
    for (const auto& p : s.people)
        handles.push_back(p.handle);
    return handles;
}

// The whole document: every section in dependency order.
void read_document(context& ctx, const value& root, settings& out);

void read_people(context& ctx, const value& section, settings& out);
void read_rotations(context& ctx, const value& section, settings& out);   // after people
void read_escalations(context& ctx, const value& section, settings& out); // after rotations
void read_services(context& ctx, const value& section, settings& out);    // after rotations
void read_severities(context& ctx, const value& section, settings& out);  // after escalations
void read_workspace(context& ctx, const value& section, settings& out);   // after severities
void read_roles(context& ctx, const value& section, settings& out);
void read_paging(context& ctx, const value& section, settings& out);
void read_slack(context& ctx, const value& section, settings& out);
void read_store(context& ctx, const value& section, settings& out);
void read_reviews(context& ctx, const value& section, settings& out);
void read_pay(context& ctx, const value& section, settings& out); // after rotations
void read_http(context& ctx, const value& section, settings& out);
void read_log(context& ctx, const value& section, settings& out);
void read_heartbeat(context& ctx, const value& section, settings& out);
void read_tracker(context& ctx, const value& section, settings& out);
void read_status_mirror(context& ctx, const value& section, settings& out); // after services
void read_alerts(context& ctx, const value& section, settings& out); // after rotations, severities
void read_intake(context& ctx, const value& section, settings& out); // after services, severities

// A secret from the `<key>_file` entry of `f` when given, else from the environment variable.
// An inline `<key>` is rejected without echoing it.
secret read_secret(context& ctx, const fields& f, std::string_view key, std::string_view env_name);

} // namespace siren::config::detail
