#pragma once
// The check catalogue and the profiles, as the `checks` and `profiles` commands and the man page
// show them. Everything comes from the check metadata and the profile files.

#include <string>
#include <vector>

#include "core/profile.hpp"

namespace mra::report {

std::string render_checks_text(const std::vector<const Check*>& checks, const std::vector<Profile>& profiles);
std::string render_checks_json(const std::vector<const Check*>& checks, const std::vector<Profile>& profiles);
std::string render_checks_roff(const std::vector<const Check*>& checks, const std::vector<Profile>& profiles);
std::string render_profiles_text(const std::vector<Profile>& profiles);
std::string render_profiles_json(const std::vector<Profile>& profiles);

}  // namespace mra::report
