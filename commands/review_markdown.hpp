#pragma once
// The review of an incident as a Markdown document: the facts siren knows (summary, severity,
// duration, impact, the timeline, the follow-up actions) and the sections people fill in.
// Posted by /119 review and written by `siren review export`.

#include "core/incident_view.hpp"
#include "core/settings.hpp"

#include <string>

namespace siren::commands {

// "review-12.md"
std::string review_filename(incident_id id);

// People appear by their handle in the configuration ("@alice"), times in the workspace's zone.
std::string review_markdown(const incident& i, const incident_view& view, const settings& config);

} // namespace siren::commands
