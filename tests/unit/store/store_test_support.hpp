#pragma once
// Shared by the store tests: a fresh store, a temporary database file and sample state.

#include "core/decision.hpp"
#include "store/sqlite_store.hpp"

#include <atomic>
#include <filesystem>
#include <memory>
#include <string>
#include <unistd.h>

#include <doctest/doctest.h>

namespace siren::store::testing {

inline const time_point t0 = time_point(seconds(1'774'340'100)); // 2026-03-24T08:15:00Z

// The database at `path` (a file, or ":memory:"), migrated to the latest schema.
inline std::unique_ptr<sqlite_store> open_migrated(const std::string& path) {
    auto opened = sqlite_store::open(path, open_mode::migrate);
    REQUIRE_MESSAGE(opened.has_value(), (opened ? std::string() : opened.error()));
    return std::move(*opened);
}

inline std::unique_ptr<sqlite_store> open_memory() {
    return open_migrated(":memory:");
}

inline commit_result must_commit(sqlite_store& store, const decision& d,
                                 std::string_view envelope_id, time_point now) {
    auto committed = store.commit(d, envelope_id, now);
    REQUIRE_MESSAGE(committed.has_value(), (committed ? std::string() : committed.error()));
    return *committed;
}

// A directory of its own under the system's temp dir, removed with everything in it (the WAL and
// shared-memory files too).
class temp_dir {
public:
    temp_dir() {
        static std::atomic<int> counter = 0;
        path_ = std::filesystem::temp_directory_path() /
                ("siren-store-test-" + std::to_string(getpid()) + "-" + std::to_string(++counter));
        std::filesystem::remove_all(path_);
        std::filesystem::create_directories(path_);
    }
    temp_dir(const temp_dir&) = delete;
    temp_dir& operator=(const temp_dir&) = delete;
    ~temp_dir() {
        std::error_code ignored;
        std::filesystem::remove_all(path_, ignored);
    }

    std::string file(const std::string& name) const { return (path_ / name).string(); }

private:
    std::filesystem::path path_;
};

inline incident sample_incident(incident_id id, std::string channel_name) {
    incident i;
    i.id = id;
    i.title = "orderbook returns stale prices";
    i.level = severity::s1;
    i.current = stage::declared;
    i.status = public_status::partial_service_disruption;
    i.service = "orderbook";
    i.channel_name = std::move(channel_name);
    i.roles[role::ic] = "alice";
    i.declared_by = "alice";
    i.declared_at = t0;
    i.updated_at = t0;
    return i;
}

// What "/incident declare" decides: the incident, its first timeline entry and its effects.
inline decision declare(const incident& i) {
    decision d;
    d.reply = "declared " + incident_ref(i);
    d.saved = i;
    d.timeline.push_back({.incident = i.id,
                          .at = i.declared_at,
                          .actor = i.declared_by,
                          .kind = entry_kind::declared,
                          .text = i.title});
    d.effects.push_back(create_channel{.name = i.channel_name, .is_private = i.security});
    d.effects.push_back(invite_users{.channel = i.channel_name, .users = {i.declared_by}});
    d.effects.push_back(
        post_message{.channel = i.channel_name, .text = i.title, .key = "intro", .pin = true});
    return d;
}

} // namespace siren::store::testing
