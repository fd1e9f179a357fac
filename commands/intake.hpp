#pragma once
// What another system's webhook does (POST /webhooks/intake/<source>, docs/integrations.md): by
// its source's `action`, a report to the engineer on call (as `/incident report`) or an incident
// declared by siren (as `/incident declare`, through declare.hpp), with the source's service and
// privacy. Pure: the dispatcher stores the decision under the delivery's id, which is what makes
// a repeated dedup_key harmless.

#include "commands/command.hpp"
#include "core/intake.hpp"

namespace siren::commands {

// A reply-only decision when the item cannot be used (an unknown severity, a link that is not
// http(s)): the webhook answers 400 with the reply and nothing is stored. Otherwise the reply is
// one line for the log and the answer ("declared #12 (S1) in #incident-…", "report #7: …").
decision on_intake(const intake_item& item, const intake_source& source, const context& ctx);

} // namespace siren::commands
