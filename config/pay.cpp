#include "config/checks.hpp"
#include "config/sections.hpp"

#include <algorithm>
#include <charconv>

namespace siren::config::detail {

namespace {

// "300", "300.5", "300.50" → 30050 cents; nullopt for anything else (negative, 3 decimals).
std::optional<std::int64_t> cents(std::string_view text) {
    auto dot = text.find('.');
    std::string_view whole = text.substr(0, dot);
    std::string_view part = dot == std::string_view::npos ? "" : text.substr(dot + 1);
    if (whole.empty() || whole.size() > 12 || part.size() > 2 ||
        (dot != std::string_view::npos && part.empty()))
        return std::nullopt;
    std::int64_t units = 0, hundredths = 0;
    auto [end, error] = std::from_chars(whole.data(), whole.data() + whole.size(), units);
    if (error != std::errc() || end != whole.data() + whole.size() || whole.front() == '-')
        return std::nullopt;
    if (!part.empty()) {
        auto [e2, err2] = std::from_chars(part.data(), part.data() + part.size(), hundredths);
        if (err2 != std::errc() || e2 != part.data() + part.size() || part.front() == '-')
            return std::nullopt;
        if (part.size() == 1)
            hundredths *= 10;
    }
    return units * 100 + hundredths;
}

bool is_currency_code(std::string_view text) {
    return text.size() == 3 &&
           std::all_of(text.begin(), text.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
}

} // namespace

void read_pay(context& ctx, const value& section, settings& out) {
    const fields f(ctx, section, {"currency", "weekly_fee", "hourly_rate", "rotations"});
    auto& p = out.pay;
    if (auto c = parsed(
            ctx, f["currency"], "an ISO 4217 currency code such as EUR", [](std::string_view t) {
                return is_currency_code(t) ? std::optional<std::string>(t) : std::nullopt;
            }))
        p.currency = *c;
    if (auto fee = parsed(ctx, f["weekly_fee"], "an amount such as 300 or 300.50", cents))
        p.weekly_fee_cents = *fee;
    if (auto rate = parsed(ctx, f["hourly_rate"], "an amount such as 40 or 42.50", cents))
        p.hourly_rate_cents = *rate;
    const auto list = f["rotations"];
    if (!list.given())
        return;
    p.rotations.clear();
    for (auto& r : texts(ctx, list, "a list of rotation names", "a rotation name")) {
        if (!out.find_rotation(r.text))
            ctx.report(r.at, "unknown rotation `" + r.text + "`" +
                                 did_you_mean(closest(r.text, names_of(out.rotations))));
        else
            p.rotations.push_back(r.text);
    }
}

} // namespace siren::config::detail
