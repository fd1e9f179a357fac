#pragma once
// Who is on call: pure functions of a rotation's settings, an instant and the overrides people
// have set. Only the time zone database is read. How shifts are laid out (local hand-over time,
// daylight saving, layers, overrides) is explained in docs/rotations.md.

#include "incident.hpp"
#include "settings.hpp"
#include "time.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace siren {

enum class track { primary, secondary };

// One person on call over [start, end).
struct shift {
    std::string person;
    time_point start;
    time_point end;
    bool is_override = false;

    friend bool operator==(const shift&, const shift&) = default;
};

// `person` takes over a track of a rotation over [from, until). `rotation` names the track the way
// escalation targets do: "eoc" for the primary track, "eoc:secondary" for the secondary one.
// When overrides overlap, the one later in the vector wins, so callers keep them in the order
// they were created. An override with from >= until has no effect.
struct rotation_override {
    std::string rotation;
    std::string person;
    time_point from;
    time_point until;
};

// A stored override with what it takes to list and remove it.
struct override_record {
    std::int64_t id = 0;
    rotation_override what;
    user_id created_by;
};

// The shift covering t on a track, before overrides. On the primary track the person is that of
// the last layer active and staffed at t, else the rotation's own; the shift is the longest
// interval around t over which that layer's shift stays scheduled, so it also ends where the
// layer's window closes or a layer above it takes over. nullopt when the rotation's own track
// has no members, t is before the rotation's first hand-over, or the length is under one day
// (config rejects that). The cost does not grow with the rotation's age.
std::optional<shift> scheduled_shift_at(const rotation_settings& r, track which, time_point t);

// The shift covering t with overrides applied: the overriding person if an override covers t.
// The shift is the longest interval around t over which both the scheduled shift and the winning
// override stay the same, so it is bounded by hand-overs and by the start or end of any override
// that would change the answer. Overrides never extend a rotation: nullopt exactly when
// scheduled_shift_at is.
std::optional<shift> shift_at(const rotation_settings& r, track which, time_point t,
                              const std::vector<rotation_override>& overrides);

// The consecutive shifts of shift_at that cover [from, until), split at hand-overs, at layers'
// window edges that change the scheduled shift, and wherever an override begins or ends. Shifts
// keep their own bounds: the first may start before `from`, the last may end after `until`. Nothing
// before the rotation's first hand-over is listed.
std::vector<shift> shifts_between(const rotation_settings& r, track which, time_point from,
                                  time_point until,
                                  const std::vector<rotation_override>& overrides);

// The first instant strictly after t at which the scheduled primary person may change, or the
// rotation's first hand-over when t is before it: the earliest of the rotation's next hand-over,
// each layer's next window edge and each layer's next hand-over inside its windows. Without
// layers, the end of the scheduled shift at t. It depends on the calendar alone, not on members
// or overrides. nullopt only when the rotation's length is under one day.
std::optional<time_point> next_handover(const rotation_settings& r, time_point t);

} // namespace siren
