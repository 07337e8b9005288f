#pragma once
// The check lifecycle: run every check the profile selects over the facts, turn exceptions into
// `error` results, apply severity overrides. core/assess.cpp then scores (core/scoring.hpp).

#include "core/profile.hpp"
#include "core/report.hpp"
#include "facts/facts.hpp"

namespace mra {

std::vector<Finding> evaluate(const facts::Facts& facts, const Profile& profile);

}  // namespace mra
