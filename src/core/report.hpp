#pragma once
// A finished evaluation: what writers render. Knows nothing about probes or output formats.

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <type_traits>
#include <vector>

#include "core/changes.hpp"
#include "core/check.hpp"

namespace mra {

struct Finding {
    const CheckInfo* check;  // id, summary, citation, remediation
    Severity severity;       // after profile overrides
    Result result;           // subject, status, message, evidence
};

// One certificate of a chain as a reader of the report sees it.
struct CertificateSummary {
    std::string subject;  // display form, e.g. "CN=expe1.example.com,O=Example"
    std::string issuer;
    std::vector<std::string> names;  // SAN dNSNames, IPs, SRVName and XmppAddr values; the CN when none
    std::string sha256;              // hex fingerprint of the DER
    std::int64_t not_before = 0;     // Unix seconds
    std::int64_t not_after = 0;
    // Whole days from the time the report judged validity at (Report::evaluated_at), as cert.expiry
    // counts them: to not_after (negative once expired), and to not_before (positive while not yet valid).
    std::int64_t days_left = 0;
    std::int64_t days_until_valid = 0;
    bool is_ca = false;
};

// The chain one endpoint presented (or one file of `cert`), leaf first, as far as it goes.
struct ChainSummary {
    std::string label;  // "expe1.example.com:8443"; empty for the `cert` command's chain
    std::vector<CertificateSummary> path;
    bool trusted = false;
    std::string trust_result;        // the validator's words, e.g. "Verified"
    std::string anchor;              // the trust anchor's subject when trusted
    std::string unavailable_reason;  // why there is no chain, when there is none
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
    std::string grade_capped_by;  // the check whose critical failure capped the grade, if one did
    Verdict verdict = Verdict::unknown;
    std::vector<Finding> findings;
    std::vector<ChainSummary> chains;       // every chain judged, for writers that draw them
    std::vector<std::string> input_errors;  // why the inputs could not all be judged (→ unknown)
    // Since the previous recorded run of this target: only with --history, and not for the first run.
    std::optional<Changes> changes;
};

// How many findings have each status, indexed by the Status value: of a report's findings, or of
// some of them given as pointers (a writer's group of them).
template <typename Findings>
std::array<int, all_statuses.size()> count_statuses(const Findings& findings) {
    std::array<int, all_statuses.size()> counts{};
    for (const auto& finding : findings) {
        if constexpr (std::is_pointer_v<std::remove_cvref_t<decltype(finding)>>)
            ++counts[static_cast<std::size_t>(finding->result.status)];
        else
            ++counts[static_cast<std::size_t>(finding.result.status)];
    }
    return counts;
}

}  // namespace mra
