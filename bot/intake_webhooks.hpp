#pragma once
// POST /webhooks/intake/<source>: reports and incidents from other systems (a generic JSON,
// HackerOne, Intercom), per the config's `intake.sources` (docs/integrations.md#intake-webhooks).
// A delivery is checked (bearer token, the sender's signature), read by its source's preset and
// stored in one transaction before it is answered; the effects runner then pages and posts.
//   200 stored, or a dedup key seen before       202 read, but nothing to do (an event siren
//   400 a payload siren cannot use (and why)         does not act on, such as an untriaged report)
//   401 a missing or wrong token or signature    404 no such source
//   413 a body over 512 KiB                      500 the store failed: send it again

#include "adapters/net/http_server.hpp"
#include "bot/clock.hpp"
#include "bot/dispatcher.hpp"
#include "bot/effects_runner.hpp"

#include <string_view>

namespace siren {

class intake_webhooks {
public:
    intake_webhooks(const settings& config, dispatcher& dispatch, effects_runner& runner,
                    const clock& clock);

    [[nodiscard]] net::server_response receive(std::string_view source,
                                               const net::server_request& request);

private:
    const settings& config_;
    dispatcher& dispatch_;
    effects_runner& runner_;
    const clock& clock_;
};

} // namespace siren
