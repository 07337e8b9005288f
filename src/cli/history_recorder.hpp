#pragma once
// --history DB: what run and replay (and a fleet runner, once per target) do with the history.
//
//     HistoryRecorder history(path);  // before probing: a bad database fails fast (InputError, exit 3)
//     Report report = …;
//     history.record(report);         // report.changes: since the target's previous run
//     deliver(report, destinations);  // the writers render the changes

#include <mutex>
#include <optional>
#include <string>

#include "cli/options.hpp"
#include "core/report.hpp"
#include "history/store.hpp"

namespace mra::cli {

class HistoryRecorder {
public:
    // Opens (creates, mode 0600) the database. InputError when it cannot be used.
    explicit HistoryRecorder(const std::string& db_path);

    // In one transaction: finds the previous run of report.target and records this one. Sets
    // report.changes to what changed since that run; leaves it empty for a target's first run.
    // InputError when the database cannot be written (e.g. locked beyond the busy timeout).
    // May be called from several threads (a fleet's workers): they take turns.
    void record(Report& report) { record(report, report.target); }
    // The same under another name than the report's target: a fleet's target name, so that two
    // targets of one domain (say, two DNS views) each have a history of their own.
    void record(Report& report, const std::string& target);

private:
    std::mutex m_turn;  // one SQLite connection, used by one thread at a time
    history::Store m_store;
};

// The --history option of a command that makes reports.
void add_history_option(cxxopts::Options& options);
// The recorder --history asks for, opened now; nullopt without the option.
std::optional<HistoryRecorder> history_recorder_of(const cxxopts::ParseResult& parsed);

}  // namespace mra::cli
