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
local_days first_handover_day(std::chrono::sys_days start, std::chrono::weekday handover_day) {
    auto day = start;
    if (day == std::chrono::sys_days{}) {
        constexpr std::chrono::sys_days first_monday =
            std::chrono::year{1970} / std::chrono::January / 5;
        day = first_monday + (handover_day - std::chrono::weekday{first_monday});
    }
    return local_days{day.time_since_epoch()};
}

// Local wall-clock times of one zone (nullptr: UTC) and back.
class wall_clock {
public:
    explicit wall_clock(const date::time_zone* zone)
        : zone_(zone) {}

    // choose::earliest never throws: a wall time skipped by spring-forward maps to the instant the
    // clocks jump (the first valid one after it), a repeated one to its first occurrence.
    time_point to_sys(local_seconds wall) const {
        if (zone_ == nullptr)
            return time_point{wall.time_since_epoch()};
        return zone_->to_sys(wall, date::choose::earliest);
    }

    local_seconds to_local(time_point t) const {
        if (zone_ == nullptr)
            return local_seconds{t.time_since_epoch()};
        return zone_->to_local(t);
    }

private:
    const date::time_zone* zone_;
};

struct slot {
    long long index; // shift k, k >= 0
    time_point start;
    time_point end;
};

// The hand-over instants of a rotation or layer: shift k runs from hand-over k to hand-over k + 1.
class calendar {
public:
    calendar(wall_clock clock, local_days first, days length, minutes time_of_day)
        : clock_(clock)
        , first_(first)
        , length_(length)
        , time_of_day_(time_of_day) {}

    time_point handover(long long k) const {
        return clock_.to_sys(first_ + k * length_ + time_of_day_);
    }

    // The shift covering t, for t at or after hand-over 0. The index comes from the local date,
    // so the cost does not grow with the number of shifts elapsed.
    slot slot_at(time_point t) const {
        const auto day = std::chrono::floor<days>(clock_.to_local(t) - time_of_day_);
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

    // The first hand-over strictly after t.
    time_point next_after(time_point t) const {
        const auto first = handover(0);
        return t < first ? first : slot_at(t).end;
    }

private:
    wall_clock clock_;
    local_days first_;
    days length_;
    minutes time_of_day_;
};

// An interval over which something stays the same; nullopt bounds are unbounded.
struct run {
    bool active = false;
    std::optional<time_point> start;
    std::optional<time_point> end;
};

// The local time windows of a rotation_restriction. Windows of successive days follow each other
// in time (they last at most 24 hours and the wall clock maps to instants in order), so the ones
// near an instant are found from its local date.
class restriction_windows {
public:
    restriction_windows(wall_clock clock, rotation_restriction r)
        : clock_(clock)
        , r_(r) {}

    // The maximal interval around t over which the layer stays active, or stays inactive. Windows
    // that touch merge; a week of them that all touch never ends.
    run run_at(time_point t) const {
        const auto today = std::chrono::floor<days>(clock_.to_local(t));
        for (auto day = today - days{1}; day <= today + days{1}; day += days{1})
            if (const auto w = window(day); w && w->start <= t && t < w->end)
                return active_run(day, *w);
        run gap;
        for (auto day = today + days{1}; day >= today - days{search_days}; day -= days{1})
            if (const auto w = window(day); w && w->end <= t) {
                gap.start = w->end;
                break;
            }
        for (auto day = today - days{1}; day <= today + days{search_days}; day += days{1})
            if (const auto w = window(day); w && w->start > t) {
                gap.end = w->start;
                break;
            }
        return gap;
    }

private:
    static constexpr int search_days = 8; // how far to look for a window: more than a week

    struct interval {
        time_point start;
        time_point end;
    };

    // The window beginning on a local day; nullopt when the day is not one of the restriction's
    // or daylight saving left the window empty.
    std::optional<interval> window(local_days day) const {
        const std::chrono::weekday weekday{std::chrono::sys_days{day.time_since_epoch()}};
        if ((r_.weekdays & (1u << weekday.c_encoding())) == 0)
            return std::nullopt;
        auto length = r_.until - r_.from;
        if (length <= minutes{0})
            length += days{1};
        const interval w{clock_.to_sys(day + r_.from), clock_.to_sys(day + r_.from + length)};
        if (w.start >= w.end)
            return std::nullopt;
        return w;
    }

    run active_run(local_days day, interval w) const {
        run result{true, w.start, w.end};
        for (int i = 1; result.start && i <= search_days; ++i) {
            const auto before = window(day - days{i});
            if (!before || before->end != *result.start)
                break;
            result.start = i < search_days ? std::optional{before->start} : std::nullopt;
        }
        for (int i = 1; result.end && i <= search_days; ++i) {
            const auto after = window(day + days{i});
            if (!after || after->start != *result.end)
                break;
            result.end = i < search_days ? std::optional{after->end} : std::nullopt;
        }
        return result;
    }

    wall_clock clock_;
    rotation_restriction r_;
};

// One layer of a track, the rotation's own first: its people, its hand-overs and when it is
// active.
struct layer_view {
    const std::vector<std::string>* people;
    std::optional<calendar> hand_overs;         // nullopt: the length is under one day
    std::optional<restriction_windows> windows; // nullopt: always active

    bool staffed() const { return !people->empty() && hand_overs; }

    run active_at(time_point t) const {
        return windows ? windows->run_at(t) : run{true, std::nullopt, std::nullopt};
    }
};

std::optional<calendar> calendar_of(wall_clock clock, std::chrono::sys_days start,
                                    std::chrono::weekday handover_day, days length,
                                    minutes handover_time) {
    if (length < days{1})
        return std::nullopt;
    return calendar{clock, first_handover_day(start, handover_day), length, handover_time};
}

std::optional<calendar> calendar_of(const rotation_settings& r) {
    return calendar_of(wall_clock{find_zone(r.time_zone)}, r.start, r.handover_day, r.length,
                       r.handover_time);
}

// The rotation's own layer and, on the primary track, the layers above it, lowest first.
std::vector<layer_view> layers_of(const rotation_settings& r, track which) {
    const wall_clock clock{find_zone(r.time_zone)};
    std::vector<layer_view> out;
    out.push_back(
        {which == track::primary ? &r.members : &r.secondary, calendar_of(r), std::nullopt});
    if (which == track::primary)
        for (const auto& l : r.layers) {
            std::optional<restriction_windows> windows;
            if (l.restriction)
                windows.emplace(clock, *l.restriction);
            out.push_back({&l.members,
                           calendar_of(clock, l.start, l.handover_day, l.length, l.handover_time),
                           windows});
        }
    return out;
}

void clamp_start(time_point& start, const std::optional<time_point>& bound) {
    if (bound)
        start = std::max(start, *bound);
}

void clamp_end(std::optional<time_point>& end, const std::optional<time_point>& bound) {
    if (bound && (!end || *bound < *end))
        end = bound;
}

std::string override_key(const rotation_settings& r, track which) {
    return which == track::primary ? r.name : r.name + ":secondary";
}

} // namespace

std::optional<shift> scheduled_shift_at(const rotation_settings& r, track which, time_point t) {
    const auto layers = layers_of(r, which);
    const auto& base = layers.front();
    if (!base.staffed() || t < base.hand_overs->handover(0))
        return std::nullopt;
    // From the top down: a layer that does not cover t bounds the shift where it starts or stops
    // covering; the first that covers t wins.
    time_point start = base.hand_overs->handover(0);
    std::optional<time_point> end;
    for (auto layer = layers.rbegin(); layer != layers.rend(); ++layer) {
        if (!layer->staffed())
            continue;
        const auto first = layer->hand_overs->handover(0);
        const auto active = layer->active_at(t);
        if (t >= first && active.active) {
            const auto s = layer->hand_overs->slot_at(t);
            clamp_start(start, s.start);
            clamp_start(start, active.start);
            clamp_end(end, s.end);
            clamp_end(end, active.end);
            const auto& people = *layer->people;
            return shift{people[static_cast<std::size_t>(s.index) % people.size()], start, *end};
        }
        if (t < first) {
            // Nothing before its first hand-over: it begins to cover there or at its next window.
            const auto then = layer->active_at(first);
            clamp_end(end, then.active ? std::optional{first} : then.end);
            continue;
        }
        // Inactive between two windows; the one before may end before the layer's first
        // hand-over, and then it covered nothing.
        if (active.start && *active.start > first)
            clamp_start(start, active.start);
        clamp_end(end, active.end);
    }
    return std::nullopt; // not reached: the rotation's own layer covers t
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
    const auto layers = layers_of(r, track::primary);
    const auto& base = layers.front().hand_overs;
    if (!base)
        return std::nullopt;
    if (const auto first = base->handover(0); t < first)
        return first;
    std::optional<time_point> next = base->next_after(t);
    for (auto layer = layers.begin() + 1; layer != layers.end(); ++layer) {
        if (!layer->hand_overs)
            continue;
        const auto first = layer->hand_overs->handover(0);
        if (t < first) {
            // Before its first hand-over a layer changes nobody.
            const auto then = layer->active_at(first);
            clamp_end(next, then.active ? std::optional{first} : then.end);
            continue;
        }
        clamp_end(next, layer->active_at(t).end);
        // A hand-over while the layer is inactive changes nobody.
        for (auto h = layer->hand_overs->next_after(t); h < *next;
             h = layer->hand_overs->next_after(h))
            if (layer->active_at(h).active) {
                next = h;
                break;
            }
    }
    return next;
}

} // namespace siren
