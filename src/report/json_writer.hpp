#pragma once
// The JSON report, schema "mra-preflight/report/v1" (DESIGN.md §3).

#include <string>

#include "core/report.hpp"

namespace mra::report {

std::string render_json(const Report& report);

}  // namespace mra::report
