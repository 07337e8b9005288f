#include "cli/history_recorder.hpp"

#include "history/compare.hpp"

namespace mra::cli {

HistoryRecorder::HistoryRecorder(const std::string& db_path) : m_store(db_path, history::Store::Access::record) {}

void HistoryRecorder::record(Report& report, const std::string& target) {
    history::RunRecord run = history::record_of(report);
    run.target = target;
    const auto recorded = [&] {
        const std::lock_guard lock(m_turn);
        return m_store.record(run);
    }();
    run.id = recorded.id;
    report.changes = recorded.previous ? std::optional(history::compare_runs(*recorded.previous, run)) : std::nullopt;
}

void add_history_option(cxxopts::Options& options) {
    options.add_options()("history",
                          "record the run in the SQLite database DB (created mode 0600) and report what changed "
                          "since the previous run of the target",
                          cxxopts::value<std::string>());
}

std::optional<HistoryRecorder> history_recorder_of(const cxxopts::ParseResult& parsed) {
    if (!parsed.count("history")) return std::nullopt;
    return std::optional<HistoryRecorder>(std::in_place, parsed["history"].as<std::string>());
}

}  // namespace mra::cli
