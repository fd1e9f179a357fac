#include "config/load.hpp"

#include "config/files.hpp"
#include "config/parse.hpp"
#include "config/sections.hpp"

#include <algorithm>

#include <climits>
#include <yaml-cpp/yaml.h>

namespace siren::config {

namespace {

// Far beyond any real team's config, yet small enough that a hostile one loads in milliseconds.
constexpr std::size_t max_nodes = 100'000;
constexpr std::size_t max_config_bytes = 4 << 20;

} // namespace

std::string to_string(const problem& p) {
    std::string out = p.file;
    if (p.line > 0)
        out += (out.empty() ? "line " : ":") + std::to_string(p.line);
    if (!out.empty())
        out += ": ";
    if (!p.key.empty())
        out += p.key + ": ";
    return out + p.message;
}

loaded load_text(std::string_view yaml, std::string_view file_name, const env_lookup& env,
                 const file_reader& read) {
    loaded result;
    detail::context ctx(file_name, result.problems, env, read);
    const auto document = detail::parse_document(ctx, yaml);
    if (!document)
        return result;
    const YAML::Node& root = *document;
    if (!detail::within_node_budget(root, max_nodes)) {
        ctx.report({}, "the document holds more than " + std::to_string(max_nodes) +
                           " values, counting those repeated through aliases");
        return result;
    }
    detail::read_document(ctx, {root, {detail::line_of(root), ""}}, result.values);
    std::stable_sort(result.problems.begin(), result.problems.end(),
                     [](const problem& a, const problem& b) {
                         return (a.line > 0 ? a.line : INT_MAX) < (b.line > 0 ? b.line : INT_MAX);
                     });
    return result;
}

loaded load_file(const std::string& path, const env_lookup& env, const file_reader& read) {
    auto text = detail::read_regular_file(path, max_config_bytes);
    if (!text) {
        loaded result;
        result.problems.push_back({path, 0, "", "cannot read the file: " + text.error()});
        return result;
    }
    return load_text(*text, path, env, read);
}

} // namespace siren::config
