#pragma once
// Reads siren's YAML configuration into core's settings and validates it in one pass. Every
// problem is reported at once, each naming the file, the line and the key path, so that a person
// can fix a config in one edit. Secrets never appear in problems or in describe(); the keys and
// their meaning are documented in docs/config.md and config/siren.example.yaml.

#include "core/outcome.hpp"
#include "core/settings.hpp"

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace siren::config {

struct problem {
    std::string file; // empty for problems of settings that no longer know their file
    int line = 0;     // 1-based; 0 when the problem belongs to no line (a missing section)
    std::string key;  // "rotations[0].members"; empty for the document as a whole
    std::string message;
};

// "siren.yaml:12: rotations[0].members: must list at least one person". Parts that are unknown
// (line 0, no key, no file) are left out; a line without a file reads "line 12: ...".
std::string to_string(const problem& p);

// Reads an environment variable; tests inject a map.
using env_lookup = std::function<std::optional<std::string>(std::string_view name)>;
std::optional<std::string> system_env(std::string_view name);

// Reads a secret file named by a `*_file` key: its contents, or why it cannot be read (never the
// contents). Tests and the fuzzer inject one so that loading touches no files.
using file_reader = std::function<outcome<std::string>(const std::string& path)>;
// Reads a regular file of at most 64 KiB.
outcome<std::string> read_secret_file(const std::string& path);

struct loaded {
    settings values; // defaults wherever the config is silent or wrong
    std::vector<problem> problems;
    bool ok() const { return problems.empty(); }
};

// Never throws, whatever the text. Problems come sorted by line, those without one last.
loaded load_text(std::string_view yaml, std::string_view file_name,
                 const env_lookup& env = system_env, const file_reader& read = read_secret_file);
// An unreadable file gives one problem and the defaults.
loaded load_file(const std::string& path, const env_lookup& env = system_env,
                 const file_reader& read = read_secret_file);

// The secrets `siren run` needs for the configured Slack mode, paging provider and rotation
// sources, and that are not set. `siren shell` and `check-config` need none.
std::vector<problem> missing_run_secrets(const settings& s);

// The effective configuration as YAML, every key with its value, for `siren check-config
// --print`. A secret shows only where it came from: "<redacted from env SLACK_BOT_TOKEN>".
std::string describe(const settings& s);

} // namespace siren::config
