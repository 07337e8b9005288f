#pragma once
// The JUnit XML report, for CI systems: one <testsuite> for the report's target, one <testcase>
// per finding (classname = check id, name = subject).

#include <string>

#include "core/report.hpp"

namespace mra::report {

std::string render_junit(const Report& report);

}  // namespace mra::report
