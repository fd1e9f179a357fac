// The hosted status page's effects (status_mirror.hpp).

#include "commands/status_mirror.hpp"

#include "commands/public_update.hpp"

namespace siren::commands {

namespace {

mirror_status mirrored(const incident& i, std::string update) {
    return {.incident = i.id,
            .title = i.title,
            .service = i.service,
            .current = i.current,
            .status = i.status,
            .update = std::move(update)};
}

bool shown(const incident& i, const settings& config) {
    return mirrors_status(config) && is_on_status_page(i, config);
}

} // namespace

bool mirrors_status(const settings& config) {
    return config.status_mirror.kind != status_host_kind::none;
}

std::optional<effect> mirror_declared(const incident& i, const settings& config) {
    if (!shown(i, config))
        return std::nullopt;
    return mirrored(i, "");
}

std::optional<effect> mirror_changed(const incident& before, const incident& after,
                                     const settings& config) {
    if (!shown(after, config))
        return std::nullopt;
    bool came_onto_page = !is_on_status_page(before, config);
    // Resolved and closed look the same from outside: closing after the review changes nothing.
    bool still_over = !is_open(before.current) && !is_open(after.current);
    bool changed = before.current != after.current || before.status != after.status;
    if (!came_onto_page && (still_over || !changed))
        return std::nullopt;
    return mirrored(after, "");
}

std::optional<effect> mirror_public_update(const incident& i, std::string text,
                                           const settings& config) {
    if (!shown(i, config))
        return std::nullopt;
    return mirrored(i, std::move(text));
}

} // namespace siren::commands
