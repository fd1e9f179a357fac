#pragma once
// How each table beyond incidents is written, shared by commit() (a decision's parts, in its
// transaction) and the store's own members. Errors throw sqlite_error.

#include "connection.hpp"
#include "core/action.hpp"
#include "core/alert.hpp"
#include "core/page.hpp"
#include "core/review.hpp"
#include "core/rotation.hpp"
#include "core/timer.hpp"

#include <cstdint>
#include <string_view>

namespace siren::store {

// An acknowledgement keeps its first author; an escalation never undoes an acknowledgement or a
// resolution.
void apply_page_change(connection& db, const page_change& change, time_point now);
std::int64_t insert_timer(connection& db, const timer& t);
void stop_timers(connection& db, const timer_cancel& which);
// Throws sqlite_error for an empty or inverted period or a missing rotation or person.
std::int64_t insert_override(connection& db, const rotation_override& o,
                             std::string_view created_by);
bool delete_override(connection& db, std::int64_t id);
// Records an alert instance, or updates the one with its fingerprint and start (alerts.cpp).
void save_alert(connection& db, const alert_record& a);
// An incident's review, replaced whole (reviews.cpp).
void save_review(connection& db, const review& r);
// A follow-up action by its incident and number: added, or replaced (reviews.cpp).
void save_action(connection& db, const follow_up_action& a);

} // namespace siren::store
