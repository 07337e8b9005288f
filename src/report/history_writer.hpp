#pragma once
// What `mra-preflight history` prints: the recorded runs, or what changed between two of them.

#include <string>
#include <vector>

#include "core/changes.hpp"
#include "history/run_record.hpp"

namespace mra::report {

// A table, one run a line, oldest first.
std::string render_runs_text(const std::vector<history::RunListing>& runs);
// {"schema": "mra-preflight/history/v1", "runs": [...]}
std::string render_runs_json(const std::vector<history::RunListing>& runs);

std::string render_diff_text(const history::RunRecord& from, const history::RunRecord& to, const Changes& changes);
// {"schema": "mra-preflight/history-diff/v1", "from": {...}, "to": {...}, "changes": {...}}, the
// changes as in the JSON report.
std::string render_diff_json(const history::RunRecord& from, const history::RunRecord& to, const Changes& changes);

}  // namespace mra::report
