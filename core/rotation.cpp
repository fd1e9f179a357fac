#include "rotation.hpp"

#include "time_zone.hpp"

#include <algorithm>
#include <utility>

#include <date/tz.h>

namespace siren {

namespace {

using local_days = date::local_time<days>;
using local_seconds = date::local_time<seconds>;

// Config validation rejects unknown zones, so one reaching here is treated as UTC rather than
// failing a page.
// An unset start reads as the epoch; the rotation then begins on the first hand-over day on or
// after Monday 1970-01-05, so that weekly rotations line up with ISO weeks.
local_days first_handover_day(const rotation_settings& r) {
    auto day = r.start;
    if (day == std::chrono::sys_days{}) {
        constexpr std::chrono::sys_days first_monday =
            std::chrono::year{1970} / std::chrono::January / 5;
        day = first_monday + (r.handover_day - std::chrono::weekday{first_monday});
    }
    return local_days{day.time_since_epoch()};
}

struct slot {
    long long index; // shift k, k >= 0
    time_point start;
    time_point end;
};

// The hand-over instants of a rotation: shift k runs from hand-over k to hand-over k + 1.
class calendar {
public:
    calendar(const date::time_zone* zone, local_days first, days length, minutes time_of_day)
        : zone_(zone)
        , first_(first)
        , length_(length)
        , time_of_day_(time_of_day) {}

    time_point handover(long long k) const {
        const local_seconds wall = first_ + k * length_ + time_of_day_;
        if (zone_ == nullptr)
            return time_point{wall.time_since_epoch()};
        // choose::earliest never throws: a wall time skipped by spring-forward maps to the
        // instant the clocks jump (the first valid one after it), a repeated one to its first
        // occurrence.
        return zone_->to_sys(wall, date::choose::earliest);
    }

    // The shift covering t, for t at or after hand-over 0. The index comes from the local date,
    // so the cost does not grow with the number of shifts elapsed.
    slot slot_at(time_point t) const {
        const auto day = std::chrono::floor<days>(wall_clock(t) - time_of_day_);
        const auto k = std::max((day - first_).count(), days::rep{0}) / length_.count();
        slot s{k, handover(k), handover(k + 1)};
        // The local date is off by one shift only when daylight saving moved the hand-over
        // itself: a skipped hand-over time happens later, a repeated one at its first occurrence.
        while (s.index > 0 && t < s.start)
            s = {s.index - 1, handover(s.index - 1), s.start};
        while (t >= s.end)
            s = {s.index + 1, s.end, handover(s.index + 2)};
        return s;
    }

private:
    local_seconds wall_clock(time_point t) const {
        if (zone_ == nullptr)
            return local_seconds{t.time_since_epoch()};
        return zone_->to_local(t);
    }

    const date::time_zone* zone_; // nullptr: UTC
    local_days first_;
    days length_;
    minutes time_of_day_;
};

std::optional<calendar> calendar_of(const rotation_settings& r) {
    if (r.length < days{1})
        return std::nullopt;
    return calendar{find_zone(r.time_zone), first_handover_day(r), r.length, r.handover_time};
}

std::string override_key(const rotation_settings& r, track which) {
    return which == track::primary ? r.name : r.name + ":secondary";
}

} // namespace

std::optional<shift> scheduled_shift_at(const rotation_settings& r, track which, time_point t) {
    const auto& people = which == track::primary ? r.members : r.secondary;
    const auto cal = calendar_of(r);
    if (people.empty() || !cal || t < cal->handover(0))
        return std::nullopt;
    const auto s = cal->slot_at(t);
    return shift{people[static_cast<std::size_t>(s.index) % people.size()], s.start, s.end};
}

std::optional<shift> shift_at(const rotation_settings& r, track which, time_point t,
                              const std::vector<rotation_override>& overrides) {
    auto result = scheduled_shift_at(r, which, t);
    if (!result)
        return result;
    const auto key = override_key(r, which);
    const auto winner = std::find_if(overrides.rbegin(), overrides.rend(), [&](const auto& o) {
        return o.rotation == key && o.from <= t && t < o.until;
    });
    if (winner != overrides.rend()) {
        result->person = winner->person;
        result->start = std::max(result->start, winner->from);
        result->end = std::min(result->end, winner->until);
        result->is_override = true;
    }
    // Only overrides after the winner (after all of them when none covers t) can take t's place
    // nearby; earlier ones lose wherever the winner holds. None of these covers t.
    for (auto o = winner.base(); o != overrides.end(); ++o) {
        if (o->rotation != key || o->from >= o->until)
            continue;
        if (o->until <= t)
            result->start = std::max(result->start, o->until);
        else
            result->end = std::min(result->end, o->from);
    }
    return result;
}

std::vector<shift> shifts_between(const rotation_settings& r, track which, time_point from,
                                  time_point until,
                                  const std::vector<rotation_override>& overrides) {
    std::vector<shift> result;
    auto t = from;
    if (const auto cal = calendar_of(r))
        t = std::max(t, cal->handover(0));
    while (t < until) {
        auto next = shift_at(r, which, t, overrides);
        if (!next)
            break;
        t = next->end;
        result.push_back(std::move(*next));
    }
    return result;
}

std::optional<time_point> next_handover(const rotation_settings& r, time_point t) {
    const auto cal = calendar_of(r);
    if (!cal)
        return std::nullopt;
    if (const auto first = cal->handover(0); t < first)
        return first;
    return cal->slot_at(t).end;
}

} // namespace siren
