#pragma once
// A run as the history keeps it: the report's outcome, its findings and the certificates of every
// judged chain — what the comparison and the `history` command need, and nothing of the facts or
// the probes (so no credential can reach the database: a report never holds one).

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "core/changes.hpp"
#include "core/report.hpp"

namespace mra::history {

struct FindingRecord {
    std::string check_id;
    std::string subject;
    Status status = Status::pass;
    Severity severity = Severity::info;
    std::string message;

    bool operator==(const FindingRecord&) const = default;
};

// One certificate of a judged chain: `position` 0 is the leaf.
struct CertificateRecord {
    std::string endpoint;  // the chain's label; "" for the cert command
    int position = 0;
    std::string sha256;
    std::int64_t not_after = 0;  // Unix seconds

    bool operator==(const CertificateRecord&) const = default;
};

struct RunRecord {
    std::int64_t id = 0;  // given by the store; 0 until recorded
    std::string command;
    std::string target;
    std::string profile;
    std::int64_t started_at_ms = 0;
    std::int64_t duration_ms = 0;
    std::int64_t evaluated_at = 0;  // Unix seconds: validity was judged at this time
    RunOutcome outcome;
    std::vector<FindingRecord> findings;
    std::vector<CertificateRecord> certificates;  // chain by chain, leaf first

    bool operator==(const RunRecord&) const = default;
};

RunRecord record_of(const Report& report);

// A run as `mra-preflight history` lists it: the record without its findings, but their count per
// status.
struct RunListing {
    std::int64_t id = 0;
    std::int64_t started_at_ms = 0;
    std::string target;
    std::string command;
    std::string profile;
    RunOutcome outcome;
    std::array<int, all_statuses.size()> counts{};  // indexed by Status
};

}  // namespace mra::history
