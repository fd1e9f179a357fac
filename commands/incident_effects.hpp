#pragma once
// The effects several commands make about an incident, each made one way. Channel effects name
// the incident's channel by its name: the effects runner keeps the channel's id and its messages
// (the pinned "intro") under that name, so an edit must use the name the post used.

#include "core/effect.hpp"
#include "core/report.hpp"
#include "core/settings.hpp"
#include "core/timeline.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace siren::commands {

// The key under which the intro is posted, pinned and later edited.
inline constexpr std::string_view intro_key = "intro";

// "siren-12-eoc": the dedup key of an incident's page for an escalation target ("eoc",
// "eoc:secondary" → "siren-12-eoc-secondary", "@dana" → "siren-12-dana").
std::string page_dedup_key(incident_id id, std::string_view target);
// "siren-report-7": the dedup key of a report's page.
std::string report_dedup_key(report_id id);

// The text of a timeline `page` entry: "paged <@bob> (eoc) dedup siren-12-eoc". It names the
// dedup key so that resolving the incident resolves every page sent for it.
std::string page_entry_text(const user_id& paged, std::string_view rotation,
                            std::string_view dedup_key);
// The dedup keys named by an incident's `page` entries, oldest first, without repeats.
std::vector<std::string> paged_dedup_keys(const std::vector<timeline_entry>& timeline);

// The intro's buttons while the incident is open: Take IC, Join as each free role, Resolve.
std::vector<button> intro_buttons(const incident& i);
effect post_intro(const incident& i, const settings& config);
effect edit_intro(const incident& i, const settings& config);
effect change_topic(const incident& i);
// The channel's bookmarks at declare: the severity's meeting bridge, the service's runbook, then
// its links (dashboards, logs) by title.
std::vector<effect> bookmarks(const incident& i, const settings& config);
effect post_in_channel(const incident& i, std::string text);

// A role's duties, told privately to whoever takes it; nothing when none are configured.
std::optional<effect> tell_duties(const incident& i, role r, const user_id& holder,
                                  const settings& config);

// Whether news of the incident goes to the announcement channel: its severity's policy says so,
// and it is neither a security incident nor a near miss.
bool is_announced(const incident& i, const settings& config);
effect announce(const settings& config, std::string text);

} // namespace siren::commands
