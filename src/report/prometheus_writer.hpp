#pragma once
// Prometheus text exposition format 0.0.4, for node_exporter's textfile collector: the gauges of
// one finished report, every series labelled with its target.

#include <string>

#include "core/report.hpp"

namespace mra::report {

std::string render_prometheus(const Report& report);

}  // namespace mra::report
