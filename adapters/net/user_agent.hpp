#pragma once
// How siren introduces itself to servers (HTTP and WebSocket handshakes). Internal to
// adapters/net; SIREN_VERSION comes from adapters/CMakeLists.txt.

#include <string_view>

namespace siren::net {

inline constexpr std::string_view user_agent = "siren/" SIREN_VERSION;

} // namespace siren::net
