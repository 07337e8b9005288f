#include "history/compare.hpp"

#include <map>
#include <utility>

#include "core/subject.hpp"
#include "facts/judged_chains.hpp"
#include "util/time.hpp"

namespace mra::history {
namespace {

// Check ids, once released, do not change (docs/ARCHITECTURE.md).
constexpr std::string_view expiry_check = "cert.expiry";

using FindingKey = std::pair<std::string, std::string>;  // check id, subject

// Gone, or judged and found good.
bool is_settled(std::optional<Status> status) {
    return !status || *status == Status::pass || *status == Status::info || *status == Status::not_applicable;
}

std::map<FindingKey, const FindingRecord*> findings_by_key(const RunRecord& run) {
    std::map<FindingKey, const FindingRecord*> index;
    for (const FindingRecord& finding : run.findings)
        index.emplace(FindingKey{finding.check_id, finding.subject}, &finding);
    return index;
}

void classify(Changes& changes, const FindingRecord* before, const FindingRecord* after) {
    const std::optional<Status> was = before ? std::optional(before->status) : std::nullopt;
    const std::optional<Status> is = after ? std::optional(after->status) : std::nullopt;
    if (was == is) return;
    const FindingRecord& latest = after ? *after : *before;
    const FindingChange change{latest.check_id, latest.subject, was, is, latest.severity, latest.message};
    const bool problem_before = was && is_problem(*was);
    if (is && is_problem(*is) && !problem_before)
        changes.new_problems.push_back(change);
    else if (problem_before && is_settled(is))
        changes.fixed.push_back(change);
    else if (problem_before)
        changes.changed.push_back(change);
}

// cert.expiry's statuses in order of urgency; nullopt for those that judge nothing (not_run …).
std::optional<int> expiry_rank(Status status) {
    switch (status) {
        case Status::pass:
            return 0;
        case Status::warn:
            return 1;
        case Status::fail:
            return 2;
        default:
            return std::nullopt;
    }
}

// Certificates by the subject cert.expiry's finding about them has.
std::map<std::string, const CertificateRecord*> certificates_by_subject(const RunRecord& run) {
    std::map<std::string, const CertificateRecord*> index;
    for (const CertificateRecord& certificate : run.certificates)
        index.emplace(Subject{certificate.endpoint, facts::path_part(certificate.position)}.name(), &certificate);
    return index;
}

// Whole days, as cert.expiry counts them.
std::int64_t days_left(const CertificateRecord& certificate, std::int64_t at) {
    return days_between(at, certificate.not_after);
}

void find_expiry_approaches(Changes& changes, const RunRecord& before, const RunRecord& after,
                            const std::map<FindingKey, const FindingRecord*>& earlier) {
    const auto certificates_before = certificates_by_subject(before);
    const auto certificates_after = certificates_by_subject(after);
    for (const FindingRecord& finding : after.findings) {
        if (finding.check_id != expiry_check) continue;
        const auto previous = earlier.find({finding.check_id, finding.subject});
        if (previous == earlier.end()) continue;
        const auto rank_before = expiry_rank(previous->second->status), rank_after = expiry_rank(finding.status);
        if (!rank_before || !rank_after || *rank_after <= *rank_before) continue;
        const auto was = certificates_before.find(finding.subject), is = certificates_after.find(finding.subject);
        if (was == certificates_before.end() || is == certificates_after.end() ||
            was->second->sha256 != is->second->sha256)
            continue;
        const CertificateRecord& certificate = *is->second;
        changes.closer_to_expiry.push_back(
            {finding.subject, certificate.endpoint, facts::path_part(certificate.position), certificate.sha256,
             certificate.not_after, days_left(*was->second, before.evaluated_at),
             days_left(certificate, after.evaluated_at), previous->second->status, finding.status});
    }
}

void find_replacements(Changes& changes, const RunRecord& before, const RunRecord& after) {
    std::map<std::string, const CertificateRecord*> leaves_before;
    for (const CertificateRecord& certificate : before.certificates)
        if (certificate.position == 0) leaves_before.emplace(certificate.endpoint, &certificate);
    for (const CertificateRecord& leaf : after.certificates) {
        if (leaf.position != 0) continue;
        const auto previous = leaves_before.find(leaf.endpoint);
        if (previous == leaves_before.end() || previous->second->sha256 == leaf.sha256) continue;
        changes.replaced.push_back(
            {leaf.endpoint, previous->second->sha256, leaf.sha256, previous->second->not_after, leaf.not_after});
    }
}

}  // namespace

Changes compare_runs(const RunRecord& before, const RunRecord& after) {
    Changes changes{.since_run = before.id,
                    .since_started_at_ms = before.started_at_ms,
                    .before = before.outcome,
                    .after = after.outcome};
    const auto earlier = findings_by_key(before);
    const auto later = findings_by_key(after);
    for (const FindingRecord& finding : after.findings) {
        const auto previous = earlier.find({finding.check_id, finding.subject});
        classify(changes, previous == earlier.end() ? nullptr : previous->second, &finding);
    }
    for (const FindingRecord& finding : before.findings)
        if (!later.contains({finding.check_id, finding.subject})) classify(changes, &finding, nullptr);
    find_replacements(changes, before, after);
    find_expiry_approaches(changes, before, after, earlier);
    return changes;
}

}  // namespace mra::history
