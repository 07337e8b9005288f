#pragma once
// The JSON report, schema "mra-preflight/report/v1" (schemas/report-v1.schema.json).

#include <nlohmann/json.hpp>

#include <array>
#include <optional>
#include <string>
#include <vector>

#include "core/report.hpp"

namespace mra::report {

std::string render_json(const Report& report);

// {"pass": N, "info": N, …}: every status, in the order of the contract, zeros included. The counts
// are indexed by Status, as count_statuses gives them.
nlohmann::ordered_json status_counts_json(const std::array<int, all_statuses.size()>& counts);

// The value, or null when there is none (a withheld score, a missing grade).
template <typename T>
nlohmann::ordered_json nullable(const std::optional<T>& value) {
    return value ? nlohmann::ordered_json(*value) : nlohmann::ordered_json(nullptr);
}

// The report's "changes" object (schemas/report-v1.schema.json, $defs/changes); also what
// `history --diff --format json` writes.
nlohmann::ordered_json changes_json(const Changes& changes);

}  // namespace mra::report
