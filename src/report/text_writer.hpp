#pragma once
// The human report: problems first with their fix, then a line per passing finding.

#include <string>

#include "core/report.hpp"

namespace mra::report {

struct TextStyle {
    bool colour = false;   // ANSI colours, for a terminal
    bool verbose = false;  // every finding on a line of its own, passes included
};

std::string render_text(const Report& report, TextStyle style);

// What changed between two runs: `heading` ("Since the run of …"), the outcome on the same line,
// then a line per change. Also the `history --diff` output.
std::string render_changes_text(const Changes& changes, const std::string& heading);

}  // namespace mra::report
