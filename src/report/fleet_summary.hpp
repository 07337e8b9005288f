#pragma once
// The summary of a fleet run (`run --targets`): one line per target and the worst verdict. Each
// target's own report is rendered by the ordinary writers.

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/report.hpp"

namespace mra::report {

// What the summary tells of one target's report. Kept instead of the report itself, so that a
// fleet's memory does not grow with its number of targets.
struct FleetOutcome {
    std::string target;
    std::optional<int> score;
    std::optional<std::string> grade;
    Verdict verdict = Verdict::unknown;
    std::array<int, all_statuses.size()> counts{};  // findings by status
    std::int64_t duration_ms = 0;

    static FleetOutcome of(const Report& report);
};

struct FleetRun {
    std::string name;                     // the target's name in the fleet file
    std::optional<FleetOutcome> outcome;  // absent when the target could not be run…
    std::string error;                    // …and then this says why
    std::vector<std::string> files;       // the reports written for it
};

struct FleetSummary {
    std::int64_t started_at_ms = 0;
    std::int64_t duration_ms = 0;
    std::string shard;  // "2/3", or empty for the whole fleet
    std::size_t targets_in_file = 0;
    std::vector<FleetRun> runs;  // this shard's targets, in file order
};

// The worst of the targets' verdicts (unknown for one that could not be run): the exit code.
Verdict fleet_verdict(const FleetSummary& summary);

std::string render_fleet_text(const FleetSummary& summary);
std::string render_fleet_json(const FleetSummary& summary);  // "schema": "mra-preflight/fleet/v1"

}  // namespace mra::report
