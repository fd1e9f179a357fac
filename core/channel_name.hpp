#pragma once
// Incident channel names: "<prefix><date>-<slug>", e.g. "incident-20260324-orderbook-incorrect".
// Slack allows lower-case letters, digits, '-' and '_', at most 80 characters.

#include <functional>
#include <string>
#include <string_view>

namespace siren {

inline constexpr std::size_t max_channel_name = 80;

// Lower case ASCII letters and digits joined by single hyphens. Latin letters with accents lose
// them ("Zürich" → "zurich"); other characters (emoji, punctuation, other scripts) separate
// words. Cut at a word boundary to at most max_length. May be empty.
std::string slugify(std::string_view title, std::size_t max_length);

// The channel name for an incident declared on `date` (already formatted, e.g. "20260324"),
// unique according to `taken`: a suffix "-2", "-3", ... is added when the name is taken, and the
// slug is shortened so that the whole stays within max_channel_name.
std::string incident_channel_name(std::string_view prefix, std::string_view date,
                                  std::string_view title,
                                  const std::function<bool(std::string_view)>& taken);

// Whether a name obeys Slack's channel naming rules.
bool is_valid_channel_name(std::string_view name);

} // namespace siren
