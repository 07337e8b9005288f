#pragma once
// The human report: problems first with their fix, then a line per passing finding.

#include <string>

#include "core/report.hpp"

namespace mra::report {

struct TextStyle {
    bool colour = false;  // ANSI colours, for a terminal
};

std::string render_text(const Report& report, TextStyle style);

}  // namespace mra::report
