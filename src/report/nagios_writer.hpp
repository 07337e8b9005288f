#pragma once
// Nagios/Icinga plugin output: one status line with performance data, then a line per problem.
// The plugin's state is the exit code, which every command already returns (DESIGN.md §3).

#include <string>

#include "core/report.hpp"

namespace mra::report {

std::string render_nagios(const Report& report);

}  // namespace mra::report
