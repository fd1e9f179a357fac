#include "wal_checkpointer.hpp"

#include "connection.hpp"

#include <condition_variable>
#include <mutex>
#include <utility>

#include <spdlog/spdlog.h>

namespace siren::store {

namespace {

void checkpoint_until_stopped(std::stop_token stop, std::unique_ptr<connection> db,
                              std::chrono::milliseconds every) {
    std::mutex mutex;
    std::condition_variable_any stopped;
    std::unique_lock lock(mutex);
    bool failing = false;
    while (!stopped.wait_for(lock, stop, every, [&stop] { return stop.stop_requested(); })) {
        try {
            db->exec("PRAGMA wal_checkpoint(PASSIVE)");
            if (std::exchange(failing, false))
                spdlog::info("checkpointing the database's log works again");
        } catch (const sqlite_error& e) {
            // The log keeps every change meanwhile, and the next checkpoint takes them all.
            if (!std::exchange(failing, true))
                spdlog::warn("checkpointing the database's log failed: {}; trying every {} ms",
                             e.what(), every.count());
        }
    }
}

} // namespace

wal_checkpointer::wal_checkpointer(const std::string& path, std::chrono::milliseconds every)
    : thread_(checkpoint_until_stopped, std::make_unique<connection>(path, false), every) {}

wal_checkpointer::~wal_checkpointer() = default; // std::jthread requests the stop and joins

} // namespace siren::store
