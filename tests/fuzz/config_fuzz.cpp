// The configuration loader: any bytes must load into problems, never a crash or an exception,
// and no secret may leak into a problem or into describe(). Secrets come from nowhere real: every
// variable is set and every secret file reads the same, so that a fuzzed path can neither block
// on a device nor depend on the machine.

#include "config/load.hpp"

#include <cstdint>
#include <string_view>

namespace {

constexpr std::string_view env_secret = "xoxb-env-9f3c2a";
constexpr std::string_view file_secret = "xoxb-file-7d41e0";

bool leaks(std::string_view text, std::string_view input) {
    // An input may spell a secret itself, and problems quote the input.
    for (auto s : {env_secret, file_secret})
        if (text.find(s) != std::string_view::npos && input.find(s) == std::string_view::npos)
            return true;
    return false;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    const auto env = [](std::string_view) { return std::optional<std::string>(env_secret); };
    const auto read = [](const std::string&) {
        return siren::outcome<std::string>(boost::system::in_place_value,
                                           std::string(file_secret) + "\n");
    };
    const auto loaded = siren::config::load_text(input, "fuzz.yaml", env, read);
    for (const auto& p : loaded.problems)
        if (leaks(siren::config::to_string(p), input))
            __builtin_trap();
    if (leaks(siren::config::describe(loaded.values), input))
        __builtin_trap();
    for (const auto& p : siren::config::missing_run_secrets(loaded.values))
        if (leaks(siren::config::to_string(p), input))
            __builtin_trap();
    return 0;
}
