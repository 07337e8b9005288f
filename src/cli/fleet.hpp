#pragma once
// `run --targets FILE.toml`: every deployment of a fleet file, --jobs at a time, optionally one
// --shard of them; a report per target (--format … into --output-dir) and a fleet summary.

#include "cli/options.hpp"

namespace mra::cli {

void add_fleet_options(cxxopts::Options& options);

// Runs the fleet the parsed `run` options name; returns the exit code (the worst target's).
int run_fleet(const cxxopts::ParseResult& parsed, std::int64_t started_at_ms);

}  // namespace mra::cli
