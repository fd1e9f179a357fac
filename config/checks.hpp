#pragma once
// Shapes of single values the schema accepts, as pure predicates and parsers. Internal to
// siren_config.

#include "core/time.hpp"

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace siren::config::detail {

// ASCII letters in lower case; keys and words are ASCII.
std::string to_lower(std::string_view s);

// Handles, rotation, escalation and service names: lower-case letters, digits, '.', '_', '-'.
// They are typed in commands and joined with ':' and '@' in escalation targets.
bool is_name(std::string_view s);

// http:// or https:// followed by a host.
bool is_url(std::string_view s);

// "U024BE7LH" or "W0123ABC": Slack user ids.
bool is_slack_user_id(std::string_view s);

// "S0614TZR7": Slack user group ids.
bool is_slack_usergroup_id(std::string_view s);

// "name@example.com", loosely: one '@' with text on both sides and no spaces.
bool is_email(std::string_view s);

// "127.0.0.1:8080", "localhost:8080", "[::1]:8080" with a port from 0 to 65535 (0: any free).
bool is_listen_address(std::string_view s);

// Lower-case letters, digits, '-' and '_'; empty names channels by date and title alone.
bool is_channel_prefix(std::string_view s);

// Only %Y %m %d %y %j and characters allowed in channel names, so that every date it formats
// keeps the channel name valid.
bool is_channel_date_format(std::string_view s);

// "P1", "sev-1": letters, digits, '-' and '_'.
bool is_alias(std::string_view s);

// "monday".."sunday", any case.
std::optional<std::chrono::weekday> parse_weekday(std::string_view s);
std::string_view weekday_name(std::chrono::weekday d);

// "09:00", "9:30"; 00:00 to 23:59.
std::optional<minutes> parse_time_of_day(std::string_view s);

// "2026-01-05": a valid calendar date.
std::optional<std::chrono::sys_days> parse_date(std::string_view s);

} // namespace siren::config::detail
