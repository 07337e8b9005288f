#include "report/fleet_summary.hpp"

#include <algorithm>
#include <cstdio>

#include "report/json_writer.hpp"
#include "util/one_line.hpp"
#include "util/text.hpp"
#include "util/time.hpp"

namespace mra::report {
namespace {

Verdict verdict_of(const FleetRun& run) {
    return run.outcome ? run.outcome->verdict : Verdict::unknown;
}

std::string score_of(const FleetOutcome& outcome) {
    return outcome.score ? std::to_string(*outcome.score) + " " + *outcome.grade : "withheld";
}

}  // namespace

FleetOutcome FleetOutcome::of(const Report& report) {
    return {report.target,     report.score, report.grade, report.verdict, count_statuses(report.findings),
            report.duration_ms};
}

Verdict fleet_verdict(const FleetSummary& summary) {
    Verdict worst = Verdict::ok;
    for (const FleetRun& run : summary.runs) worst = std::max(worst, verdict_of(run));
    return worst;
}

std::string render_fleet_text(const FleetSummary& summary) {
    std::size_t width = 6;
    for (const FleetRun& run : summary.runs) width = std::max(width, run.name.size());
    std::string out = "fleet: " + std::to_string(summary.runs.size()) + " of " +
                      std::to_string(summary.targets_in_file) + " targets" +
                      (summary.shard.empty() ? "" : " (shard " + summary.shard + ")") + ", " +
                      std::string(to_string(fleet_verdict(summary))) + "\n";
    char line[512];
    for (const FleetRun& run : summary.runs) {
        std::string detail;
        if (run.outcome) {
            const auto count = [&](Status status) { return run.outcome->counts[static_cast<std::size_t>(status)]; };
            detail = "score " + score_of(*run.outcome) + ", " + std::to_string(count(Status::fail)) + " fail, " +
                     std::to_string(count(Status::warn)) + " warn, " + std::to_string(count(Status::error)) +
                     " error, " + std::to_string(run.outcome->duration_ms) + " ms";
        } else {
            detail = one_line(valid_utf8(run.error), 300);
        }
        std::snprintf(line, sizeof line, "  %-*s  %-8s  ", static_cast<int>(width), run.name.c_str(),
                      std::string(to_string(verdict_of(run))).c_str());
        out += line + detail + "\n";
    }
    return out;
}

std::string render_fleet_json(const FleetSummary& summary) {
    using nlohmann::ordered_json;
    ordered_json targets = ordered_json::array();
    for (const FleetRun& run : summary.runs) {
        ordered_json entry = {{"name", run.name}, {"status", to_string(verdict_of(run))}};
        if (run.outcome) {
            const FleetOutcome& outcome = *run.outcome;
            entry["target"] = outcome.target;
            entry["score"] = nullable(outcome.score);
            entry["grade"] = nullable(outcome.grade);
            entry["counts"] = status_counts_json(outcome.counts);
            entry["duration_ms"] = outcome.duration_ms;
        } else {
            entry["error"] = run.error;
        }
        entry["reports"] = run.files;
        targets.push_back(std::move(entry));
    }
    const ordered_json document = {
        {"schema", "mra-preflight/fleet/v1"},
        {"tool", {{"name", "mra-preflight"}, {"version", MRA_VERSION}}},
        {"started_at", rfc3339_ms(summary.started_at_ms)},
        {"duration_ms", summary.duration_ms},
        {"shard", summary.shard.empty() ? ordered_json(nullptr) : ordered_json(summary.shard)},
        {"targets_in_file", summary.targets_in_file},
        {"status", to_string(fleet_verdict(summary))},
        {"targets", targets},
    };
    return document.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

}  // namespace mra::report
