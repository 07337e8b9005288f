#pragma once
// A profile is data (profiles/*.toml): which checks, severity and option overrides, weights and
// grade bands. See profiles/README.md for the format.

#include <map>
#include <string>
#include <vector>

#include "core/registry.hpp"
#include "core/status.hpp"

namespace mra {

struct GradeBand {
    std::string grade;
    int minimum_score;
};

struct Profile {
    std::string name;
    std::string summary;
    std::string source;                                                 // the file it was read from
    std::vector<const Check*> checks;                                   // selected, in catalogue order
    std::vector<std::string> required;                                  // ids whose not_run/error withholds the score
    std::map<std::string, Severity> severity;                           // id → override
    std::map<std::string, std::map<std::string, std::string>> options;  // id → option → value
    std::map<Severity, double> severity_weights;
    std::map<std::string, double> check_weights;  // id → weight, overrides the severity weight
    std::vector<GradeBand> grades;                // descending minimum; below the last → "F"
    std::string critical_fail_grade = "F";        // the best grade a report with a critical fail can get

    Severity severity_of(const Check& check) const;
    double weight_of(const Check& check) const;
    bool is_required(std::string_view id) const;
};

// `name_or_path`: a file path (contains '/' or ends in ".toml") or a profile name in the profile
// directory. Validates every id, glob, severity and option against `registry`; InputError otherwise.
Profile load_profile(const std::string& name_or_path, const Registry& registry);

// Every profile in the profile directory, by name.
std::vector<Profile> load_all_profiles(const Registry& registry);

std::string profile_directory();

}  // namespace mra
