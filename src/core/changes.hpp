#pragma once
// What changed between two runs of a target (`--history`: "what changed since the last run"), as
// the history's comparison finds it (src/history/compare.hpp states the rules) and the writers
// render it. Knows nothing about where runs are kept.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/status.hpp"

namespace mra {

// How a run came out as a whole.
struct RunOutcome {
    Verdict verdict = Verdict::unknown;
    std::optional<int> score;  // nullopt: withheld
    std::optional<std::string> grade;

    bool operator==(const RunOutcome&) const = default;
};

// A finding, named by check id and subject (one per check per subject), whose status moved.
// nullopt: the finding is absent from that run.
struct FindingChange {
    std::string check_id;
    std::string subject;
    std::optional<Status> before;
    std::optional<Status> after;
    Severity severity = Severity::info;  // the later run's; the earlier run's when the finding is gone
    std::string message;                 // likewise

    bool operator==(const FindingChange&) const = default;
};

// An endpoint presents another leaf certificate than before.
struct CertificateReplacement {
    std::string endpoint;  // the chain's label, "expe1.example.com:8443"; "" for the cert command
    std::string before_sha256;
    std::string after_sha256;
    std::int64_t before_not_after = 0;  // Unix seconds
    std::int64_t after_not_after = 0;

    bool operator==(const CertificateReplacement&) const = default;
};

// The same certificate at the same place of an endpoint's chain, now judged nearer its end.
struct ExpiryApproach {
    std::string subject;      // cert.expiry's, "expe1.example.com:8443 leaf"
    std::string endpoint;     // "expe1.example.com:8443"; "" for the cert command
    std::string certificate;  // "leaf", "chain[1]", …
    std::string sha256;
    std::int64_t not_after = 0;
    std::int64_t days_left_before = 0;  // whole days, as cert.expiry counts them
    std::int64_t days_left_after = 0;
    Status before = Status::pass;  // cert.expiry's status for this certificate
    Status after = Status::pass;

    bool operator==(const ExpiryApproach&) const = default;
};

struct Changes {
    std::int64_t since_run = 0;  // the earlier run's id in the history
    std::int64_t since_started_at_ms = 0;
    RunOutcome before;
    RunOutcome after;
    std::vector<FindingChange> new_problems;  // now warn, fail or error; before anything else or absent
    std::vector<FindingChange> fixed;         // warn, fail or error before; now pass, info, n/a or absent
    std::vector<FindingChange> changed;       // a problem before, still a problem or not run now
    std::vector<CertificateReplacement> replaced;
    std::vector<ExpiryApproach> closer_to_expiry;

    bool none() const {
        return before == after && new_problems.empty() && fixed.empty() && changed.empty() && replaced.empty() &&
               closer_to_expiry.empty();
    }
};

}  // namespace mra
