#include "bot/intake_webhooks.hpp"

#include "adapters/intake/intake_webhook.hpp"

#include <spdlog/spdlog.h>

namespace siren {

namespace {

// Whether the request comes from the source: its token when it has one, its sender's signature
// when it has a secret (config/ makes sure it has at least one of them).
outcome<> check_sender(const intake_source& source, const net::server_request& request) {
    if (!source.token.empty())
        if (auto allowed = intake::verify_bearer(request.header("Authorization").value_or(""),
                                                 source.token.value);
            !allowed)
            return allowed;
    if (source.signing_secret.empty())
        return {};
    switch (source.preset) {
    case intake_preset::hackerone:
        return intake::verify_hackerone_signature(request.header("X-H1-Signature").value_or(""),
                                                  request.body, source.signing_secret.value);
    case intake_preset::intercom:
        return intake::verify_intercom_signature(request.header("X-Hub-Signature").value_or(""),
                                                 request.body, source.signing_secret.value);
    case intake_preset::generic:
        break;
    }
    return {};
}

outcome<intake::reading> read(const intake_source& source, const net::server_request& request) {
    switch (source.preset) {
    case intake_preset::hackerone:
        return intake::parse_hackerone(request.header("X-H1-Event").value_or(""), request.body);
    case intake_preset::intercom:
        return intake::parse_intercom(request.body, source.tag);
    case intake_preset::generic:
        break;
    }
    return intake::parse_generic(request.body);
}

} // namespace

intake_webhooks::intake_webhooks(const settings& config, dispatcher& dispatch,
                                 effects_runner& runner, const clock& clock)
    : config_(config)
    , dispatch_(dispatch)
    , runner_(runner)
    , clock_(clock) {}

net::server_response intake_webhooks::receive(std::string_view name,
                                              const net::server_request& request) {
    const intake_source* source = config_.intake.find(name);
    if (!source)
        return net::plain_text(404, "no intake source named `" + std::string(name.substr(0, 60)) +
                                        "`: sources are listed under `intake.sources`");
    if (request.body.size() > intake::max_payload_bytes)
        return net::plain_text(413, "the payload is larger than 512 KiB");
    if (auto allowed = check_sender(*source, request); !allowed) {
        spdlog::warn("intake {}: delivery refused: {}", source->name, allowed.error());
        return net::plain_text(401, "bad token or signature");
    }
    auto reading = read(*source, request);
    if (!reading) {
        spdlog::warn("intake {}: delivery refused: {}", source->name, reading.error());
        return net::plain_text(400, reading.error());
    }
    if (!reading->item) {
        spdlog::info("intake {}: ignored: {}", source->name, reading->ignored);
        return net::plain_text(202, "ignored: " + reading->ignored);
    }
    std::string delivery = intake::delivery_id(source->name, *reading->item, request.body);
    auto result = dispatch_.receive_intake(delivery, *reading->item, *source, clock_.now());
    if (result.failed)
        return net::plain_text(500, "siren could not store it; send it again");
    if (result.refused) {
        spdlog::warn("intake {}: delivery refused: {}", source->name, result.reply);
        return net::plain_text(400, "the payload cannot be used: " + result.reply);
    }
    if (result.has_effects)
        runner_.wake();
    if (result.duplicate)
        return net::plain_text(200, "duplicate: nothing done again");
    spdlog::info("intake {}: {}", source->name, result.reply);
    return net::plain_text(200, result.reply);
}

} // namespace siren
