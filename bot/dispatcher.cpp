#include "bot/dispatcher.hpp"

#include <spdlog/spdlog.h>

namespace siren {

dispatcher::dispatcher(const settings& config, store::sqlite_store& store, const directory& people)
    : config_(config)
    , store_(store)
    , people_(people) {}

dispatched dispatcher::dispatch(std::string_view envelope_id, const commands::command_input& input,
                                time_point now) {
    if (!envelope_id.empty() && store_.seen_envelope(envelope_id)) {
        spdlog::info("envelope {} was already processed; not doing it again", envelope_id);
        return {.duplicate = true};
    }
    decision d = commands::handle(input, {config_, store_, people_, now});
    dispatched out{.reply = d.reply, .form = d.form};
    if (d.is_reply_only())
        return out;

    auto committed = store_.commit(d, envelope_id, now);
    if (!committed) {
        spdlog::error("could not store the decision for {} {}: {}", input.command,
                      input.text.substr(0, 40), committed.error());
        return {.reply = "siren could not save that, so nothing was changed: " + committed.error() +
                         ". Please try again."};
    }
    out.duplicate = committed->duplicate;
    out.has_effects = !committed->duplicate && !d.effects.empty();
    return out;
}

} // namespace siren
