#pragma once
// A finished evaluation: what writers render. Knows nothing about probes or output formats.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/check.hpp"

namespace mra {

struct Finding {
    const CheckInfo* check;  // id, summary, citation, remediation
    Severity severity;       // after profile overrides
    Result result;           // subject, status, message, evidence
};

struct Report {
    std::string command;  // "cert", "run", …
    std::string target;
    std::string profile;
    std::int64_t started_at_ms = 0;  // Unix milliseconds
    std::int64_t duration_ms = 0;
    std::int64_t evaluated_at = 0;  // Unix seconds: the time validity was judged at
    std::optional<int> score;       // withheld when a required check could not run
    std::optional<std::string> grade;
    std::string score_withheld_because;
    Verdict verdict = Verdict::unknown;
    std::vector<Finding> findings;
    std::vector<std::string> input_errors;  // why the inputs could not all be judged (→ unknown)
};

}  // namespace mra
