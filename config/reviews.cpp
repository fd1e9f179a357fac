#include "config/checks.hpp"
#include "config/sections.hpp"

namespace siren::config::detail {

void read_reviews(context& ctx, const value& section, settings& out) {
    const fields f(ctx, section, {"provisional_after", "full_after", "remind_before", "directory"});
    auto& r = out.reviews;
    if (auto after = duration_in_seconds(ctx, f["provisional_after"], zero::rejected))
        r.provisional_after = *after;
    const auto full = f["full_after"];
    if (auto after = duration_in_seconds(ctx, full, zero::rejected))
        r.full_after = *after;
    if (r.full_after < r.provisional_after)
        ctx.report(full.at, "the full review cannot be due before the provisional one: " +
                                format_duration(r.full_after) + " is shorter than " +
                                format_duration(r.provisional_after));
    if (auto before = duration_in_seconds(ctx, f["remind_before"], zero::allowed))
        r.remind_before = *before;
    if (auto d = text(ctx, f["directory"], "a directory path"))
        r.directory = *d;
}

} // namespace siren::config::detail
