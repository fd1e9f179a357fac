// sqlite_store: rotation overrides ("bob covers the EOC shift from Friday to Sunday").

#include "connection.hpp"
#include "sqlite_store.hpp"
#include "writes.hpp"

namespace siren::store {

namespace {

std::string check_override(const rotation_override& o) {
    if (o.until <= o.from)
        return "an override must end after it starts";
    if (o.rotation.empty() || o.person.empty())
        return "an override needs a rotation and a person";
    return {};
}

} // namespace

std::int64_t insert_override(connection& db, const rotation_override& o,
                             std::string_view created_by) {
    if (auto problem = check_override(o); !problem.empty())
        throw sqlite_error(problem);
    auto insert = db.prepare(
        "INSERT INTO rotation_overrides (rotation, person, starts_at, ends_at, created_by) "
        "VALUES (?1, ?2, ?3, ?4, ?5) RETURNING id");
    insert.bind(o.rotation, o.person, o.from, o.until, created_by).step();
    return insert.integer(0);
}

bool delete_override(connection& db, std::int64_t id) {
    auto remove = db.prepare("DELETE FROM rotation_overrides WHERE id = ?1 RETURNING id");
    return remove.bind(id).step();
}

outcome<std::int64_t> sqlite_store::add_override(const rotation_override& o,
                                                 std::string_view created_by) {
    if (auto problem = check_override(o); !problem.empty())
        return outcome<std::int64_t>(boost::system::in_place_error, problem);
    return insert_override(*db_, o, created_by);
}

std::vector<override_record> sqlite_store::override_records(std::string_view rotation) const {
    auto query = db_->prepare("SELECT id, person, starts_at, ends_at, created_by "
                              "FROM rotation_overrides WHERE rotation = ?1 ORDER BY id");
    query.bind(rotation);
    std::vector<override_record> found;
    while (query.step())
        found.push_back({.id = query.integer(0),
                         .what = {.rotation = std::string(rotation),
                                  .person = query.text(1),
                                  .from = query.time(2),
                                  .until = query.time(3)},
                         .created_by = query.text(4)});
    return found;
}

std::vector<rotation_override> sqlite_store::overrides(std::string_view rotation) const {
    std::vector<rotation_override> found;
    for (override_record& r : override_records(rotation))
        found.push_back(std::move(r.what));
    return found;
}

bool sqlite_store::remove_override(std::int64_t id) {
    return delete_override(*db_, id);
}

} // namespace siren::store
