#pragma once
// The difference between two recorded runs: pure, so that a report's "since the previous run" and
// `mra-preflight history --diff A B` say the same thing. The rules:
//
// Findings are matched by check id and subject (one finding per check per subject).
// A problem is a warn, fail or error.
//  - new problem: a problem now, and before absent or not a problem (pass, info, not_applicable,
//    not_run);
//  - fixed: a problem before, and now pass, info, not_applicable or absent;
//  - changed: a problem before whose status moved to another problem (warn → fail) or to not_run
//    (no longer judged is not fixed);
//  - any other move (pass ↔ not_run, pass ↔ info, …) is not listed: nothing to act on.
// Outcome: status, score and grade before and after; the writers show the ones that moved.
// Certificate replaced: an endpoint (chain label) judged in both runs presents a leaf with
// another SHA-256; the old and new not_after are given.
// Certificate closer to expiry: the same certificate (same SHA-256 at the same place of the same
// endpoint's chain) whose cert.expiry status got worse — pass → warn (it entered the profile's
// warn_days window), pass or warn → fail (it expired) — with the whole days left at each run's
// evaluation time. Days merely counting down are not a change: a daily cron job would report one
// every day, and the warning window is the profile's own statement of when it matters.
//
// Lists follow the later run's finding and chain order; findings gone from it come last, in the
// earlier run's order.

#include "core/changes.hpp"
#include "history/run_record.hpp"

namespace mra::history {

Changes compare_runs(const RunRecord& before, const RunRecord& after);

}  // namespace mra::history
