#pragma once
// Score, grade and verdict of a report:
// - each check counts once, by its worst result: pass/info 1, warn 0.5, fail 0, weighted by the
//   profile (check weight, else severity weight); not_applicable, not_run and error do not count;
// - the score is withheld when a required check did not run or erred, or nothing counted;
// - a critical fail caps the grade at the profile's critical_fail_grade (grade_capped_by names the
//   first such check when the cap lowered the grade);
// - verdict: input errors → unknown; a critical fail → critical; a withheld score → unknown;
//   any warn, fail or error → warning; else ok.

#include "core/profile.hpp"
#include "core/report.hpp"

namespace mra {

void score(Report& report, const Profile& profile);

}  // namespace mra
