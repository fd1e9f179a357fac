#pragma once
// Loading config text in tests: no real environment, no real files, and problems that are easy
// to look up and to print when a check fails.

#include "config/load.hpp"

#include <map>
#include <string>
#include <string_view>

namespace siren::config::testing {

// Five severities that page nobody: appended to a test's YAML when it is about something else,
// so that the test's own lines keep their numbers.
inline constexpr std::string_view quiet_severities = R"(
severities:
  S0: {page: []}
  S1: {page: []}
  S2: {page: []}
  S3: {page: []}
  S4: {page: []}
)";

inline env_lookup env_of(std::map<std::string, std::string> vars) {
    return [vars = std::move(vars)](std::string_view name) -> std::optional<std::string> {
        if (auto it = vars.find(std::string(name)); it != vars.end())
            return it->second;
        return std::nullopt;
    };
}

inline outcome<std::string> no_files(const std::string&) {
    return {boost::system::in_place_error, "No such file or directory"};
}

inline loaded load(std::string_view yaml, std::map<std::string, std::string> env = {}) {
    return load_text(yaml, "siren.yaml", env_of(std::move(env)), no_files);
}

// `yaml` with quiet_severities after it.
inline loaded load_with_severities(std::string_view yaml,
                                   std::map<std::string, std::string> env = {}) {
    return load(std::string(yaml) + std::string(quiet_severities), std::move(env));
}

// Every problem as the person would read it, one per line: for failure messages.
inline std::string all(const loaded& l) {
    std::string text;
    for (const auto& p : l.problems)
        text += to_string(p) + "\n";
    return text;
}

// The problems reported for `key`.
inline std::vector<problem> about(const loaded& l, std::string_view key) {
    std::vector<problem> found;
    for (const auto& p : l.problems)
        if (p.key == key)
            found.push_back(p);
    return found;
}

} // namespace siren::config::testing
