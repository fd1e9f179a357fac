#pragma once
// The hosted status page (Atlassian Statuspage or status.io) kept in step with siren's own when
// `status_mirror` is configured (docs/integrations.md#hosted-status-page): the same incidents
// (is_on_status_page: never a security incident or a near miss), their stage, public status
// and public updates.

#include "core/effect.hpp"
#include "core/settings.hpp"

#include <optional>
#include <string>

namespace siren::commands {

bool mirrors_status(const settings& config);

// The incident as declared; nothing when it is not on the status page or nothing is mirrored.
std::optional<effect> mirror_declared(const incident& i, const settings& config);
// After a change: when the incident is on the status page and came onto it, or its stage or
// public status changed while it is open or by resolving or reopening it.
std::optional<effect> mirror_changed(const incident& before, const incident& after,
                                     const settings& config);
// A public update (/119 public) of an incident on the status page.
std::optional<effect> mirror_public_update(const incident& i, std::string text,
                                           const settings& config);

} // namespace siren::commands
