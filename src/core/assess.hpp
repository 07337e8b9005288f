#pragma once
// From facts to a finished report: evaluate the profile's checks, collect input errors, score.

#include <string>

#include "core/profile.hpp"
#include "core/report.hpp"
#include "facts/facts.hpp"

namespace mra {

Report assess(const std::string& command, const facts::Facts& facts, const Profile& profile,
              std::int64_t started_at_ms);

}  // namespace mra
