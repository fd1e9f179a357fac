#pragma once
// Copies the write-ahead log back into the database file from a thread and a connection of its
// own. SQLite otherwise checkpoints inside the commit that fills 1,000 pages of log, and the
// fsyncs of a checkpoint (about 5 ms here) then delay whatever waits on that thread: in siren's
// daemon, the acknowledgements of Slack's envelopes. Internal to the store.

#include <chrono>
#include <string>
#include <thread>

namespace siren::store {

class connection;

class wal_checkpointer {
public:
    // Opens its connection at once (throws sqlite_error if it cannot), then checkpoints every
    // `every` until destroyed. PASSIVE checkpoints: never waiting for the writer, never making
    // it wait.
    wal_checkpointer(const std::string& path, std::chrono::milliseconds every);
    wal_checkpointer(const wal_checkpointer&) = delete;
    wal_checkpointer& operator=(const wal_checkpointer&) = delete;
    ~wal_checkpointer(); // stops the thread and joins it

private:
    std::jthread thread_;
};

} // namespace siren::store
