#pragma once
// The history database of `--history DB`: every recorded run of every target, in one SQLite file —
// its outcome, findings and judged certificates (history/run_record.hpp), never facts, probe data
// or credentials. Crash-safe: a run is recorded in one transaction, so a process killed at any
// moment leaves every run it did not finish out and every other run whole.

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "history/run_record.hpp"
#include "history/sqlite.hpp"

namespace mra::history {

class Store {
public:
    // record: the file is created (mode 0600) when absent and made ours, so that a file that is not
    // a database, another program's, of a newer schema or read-only fails at once — before a run
    // probes anything. A lock another process holds is waited for when the run is recorded: it is
    // there now and gone in a moment, or still there then. read: the file must exist; nothing is
    // written.
    enum class Access { record, read };
    // "A few seconds": long enough for other runs of a fleet to commit (each takes milliseconds),
    // short enough that cron does not hang on a database someone holds open in a transaction.
    static constexpr std::chrono::milliseconds default_busy_timeout{5000};

    // InputError (one line naming the file) when it cannot be used: not a database, another
    // program's database, a newer schema, locked beyond the busy timeout, not writable.
    Store(const std::string& path, Access access, std::chrono::milliseconds busy_timeout = default_busy_timeout);

    struct Recorded {
        std::int64_t id = 0;                // the run's id: ids grow in the order runs were recorded
        std::optional<RunRecord> previous;  // the target's latest run before this one
    };
    // In one transaction: reads the latest run of run.target, then stores `run`.
    Recorded record(const RunRecord& run);

    // Oldest first; every target's when `target` is nullopt.
    std::vector<RunListing> runs(const std::optional<std::string>& target = std::nullopt) const;
    std::optional<RunRecord> run(std::int64_t id) const;

private:
    RunRecord load(std::int64_t id) const;

    sqlite::Database m_database;
    bool m_empty = false;  // read access to a file no run was recorded in yet
};

}  // namespace mra::history
