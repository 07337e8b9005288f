#pragma once
// Findings that say the same thing — the same check, status and message — about several subjects,
// as one entry: one MD5 certificate presented by two peers on three ports is one problem with six
// subjects, not six problems. For the formats people read; JSON keeps one finding per subject.

#include <string>
#include <vector>

#include "core/report.hpp"

namespace mra::report {

struct FindingGroup {
    std::vector<const Finding*> findings;  // in report order; never empty

    const Finding& first() const { return *findings.front(); }
    std::vector<Subject> subjects() const;  // the non-empty ones, in order
    // The subjects for a reader: "leaf of expe1.example.com:8443, expe2.example.com:8443" when they
    // are one part of several endpoints, else their names joined by ", ".
    std::string subject_list() const;
    bool evidence_differs() const;  // some member's evidence is not the first's
};

// `findings` grouped, each group at the place of its first member.
std::vector<FindingGroup> group_identical(const std::vector<const Finding*>& findings);

}  // namespace mra::report
