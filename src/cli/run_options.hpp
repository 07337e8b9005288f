#pragma once
// `run`'s options for one deployment, defined once: the command line of a single run and each
// target of a fleet file (whose keys are these options' names) go through the same definitions,
// defaults and validation.

#include <functional>
#include <string>

#include "cli/options.hpp"
#include "core/report.hpp"

namespace mra::cli {

// The options that describe one deployment and how to reach it (domain, resolvers, trust, test
// user, timeout, …) plus the report options; `run`'s fleet options are added by the caller.
cxxopts::Options deployment_options();

// Probes the deployment the parsed options describe and judges it with their profile. Progress
// lines (may be empty) go to `progress`. InputError for options that cannot be used.
Report run_deployment(const cxxopts::ParseResult& parsed, std::int64_t started_at_ms,
                      const std::function<void(const std::string&)>& progress);

}  // namespace mra::cli
