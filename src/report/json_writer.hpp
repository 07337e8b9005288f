#pragma once
// The JSON report, schema "mra-preflight/report/v1" (DESIGN.md §3).

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "core/report.hpp"

namespace mra::report {

std::string render_json(const Report& report);

// {"pass": N, "info": N, …}: every status, in the order of the contract, zeros included.
nlohmann::ordered_json status_counts_json(const std::vector<Finding>& findings);

// The report's "changes" object (schemas/report-v1.schema.json, $defs/changes); also what
// `history --diff --format json` writes.
nlohmann::ordered_json changes_json(const Changes& changes);

}  // namespace mra::report
