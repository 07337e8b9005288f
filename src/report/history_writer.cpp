#include "report/history_writer.hpp"

#include <algorithm>
#include <sstream>

#include "report/json_writer.hpp"
#include "report/text_writer.hpp"
#include "util/time.hpp"

namespace mra::report {
namespace {

using nlohmann::ordered_json;

std::string score_text(const RunOutcome& outcome) {
    return outcome.score ? std::to_string(*outcome.score) : "-";
}

ordered_json run_json(std::int64_t id, std::int64_t started_at_ms, const std::string& target,
                      const std::string& command, const std::string& profile, const RunOutcome& outcome) {
    return {{"id", id},
            {"started_at", rfc3339_ms(started_at_ms)},
            {"target", target},
            {"command", command},
            {"profile", profile},
            {"status", to_string(outcome.verdict)},
            {"score", nullable(outcome.score)},
            {"grade", nullable(outcome.grade)}};
}

ordered_json run_json(const history::RunRecord& run) {
    return run_json(run.id, run.started_at_ms, run.target, run.command, run.profile, run.outcome);
}

std::string dump(const ordered_json& document) {
    return document.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

}  // namespace

std::string render_runs_text(const std::vector<history::RunListing>& runs) {
    if (runs.empty()) return "no runs recorded\n";
    std::vector<std::vector<std::string>> rows{{"ID", "STARTED", "TARGET", "COMMAND", "STATUS", "SCORE", "GRADE",
                                                "PASS", "INFO", "WARN", "FAIL", "ERROR", "N/A", "NOT RUN"}};
    for (const auto& run : runs) {
        rows.push_back({std::to_string(run.id), rfc3339(run.started_at_ms / 1000), run.target, run.command,
                        std::string(to_string(run.outcome.verdict)), score_text(run.outcome),
                        run.outcome.grade.value_or("-")});
        for (const int count : run.counts) rows.back().push_back(std::to_string(count));
    }
    std::vector<std::size_t> widths(rows.front().size(), 0);
    for (const auto& row : rows)
        for (std::size_t column = 0; column < row.size(); ++column)
            widths[column] = std::max(widths[column], row[column].size());
    // Text columns (started … status, grade) to the left, numbers to the right.
    auto is_text = [](std::size_t column) { return (column >= 1 && column <= 4) || column == 6; };
    std::ostringstream out;
    for (const auto& row : rows) {
        for (std::size_t column = 0; column < row.size(); ++column) {
            const std::string padding(widths[column] - row[column].size(), ' ');
            if (column > 0) out << "  ";
            out << (is_text(column) ? row[column] + padding : padding + row[column]);
        }
        out << "\n";
    }
    return out.str();
}

std::string render_runs_json(const std::vector<history::RunListing>& runs) {
    ordered_json list = ordered_json::array();
    for (const auto& run : runs) {
        ordered_json entry = run_json(run.id, run.started_at_ms, run.target, run.command, run.profile, run.outcome);
        entry["counts"] = status_counts_json(run.counts);
        list.push_back(entry);
    }
    return dump({{"schema", "mra-preflight/history/v1"}, {"runs", list}});
}

std::string render_diff_text(const history::RunRecord& from, const history::RunRecord& to, const Changes& changes) {
    auto name = [](const history::RunRecord& run) {
        return "run " + std::to_string(run.id) + " (" + run.target + ", " + rfc3339_ms(run.started_at_ms) + ")";
    };
    return render_changes_text(changes, "From " + name(from) + " to " + name(to));
}

std::string render_diff_json(const history::RunRecord& from, const history::RunRecord& to, const Changes& changes) {
    return dump({{"schema", "mra-preflight/history-diff/v1"},
                 {"from", run_json(from)},
                 {"to", run_json(to)},
                 {"changes", changes_json(changes)}});
}

}  // namespace mra::report
