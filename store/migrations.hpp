#pragma once
// The schema as numbered migrations. Version N is reached by applying migrations 1..N in order;
// the version lives in PRAGMA user_version. Migrations are append-only: a released one is never
// edited, a change is a new one.

#include "connection.hpp"

namespace siren::store {

int latest_migration();

// Applies every migration after the database's version, each in its own transaction together
// with its new user_version. Throws sqlite_error; a failed migration leaves the version before it.
void migrate(connection& db);

} // namespace siren::store
