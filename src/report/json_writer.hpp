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

}  // namespace mra::report
