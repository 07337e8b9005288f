#pragma once
// Nagios/Icinga plugin output: one status line with performance data, then a line per problem.
// The plugin's state is the exit code, which every command already returns (0 ok, 1 warning,
// 2 critical, 3 unknown: core/status.hpp).

#include <string>

#include "core/report.hpp"

namespace mra::report {

std::string render_nagios(const Report& report);

}  // namespace mra::report
