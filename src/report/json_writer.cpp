#include "report/json_writer.hpp"

#include "util/time.hpp"

namespace mra::report {
namespace {

using nlohmann::ordered_json;

ordered_json nullable(const std::optional<Status>& status) {
    return status ? ordered_json(to_string(*status)) : ordered_json(nullptr);
}

ordered_json finding_changes(const std::vector<FindingChange>& changes) {
    ordered_json list = ordered_json::array();
    for (const FindingChange& change : changes)
        list.push_back({{"id", change.check_id},
                        {"subject", change.subject},
                        {"from", nullable(change.before)},
                        {"to", nullable(change.after)},
                        {"severity", to_string(change.severity)},
                        {"message", change.message}});
    return list;
}

}  // namespace

ordered_json changes_json(const Changes& changes) {
    ordered_json document = {{"since_run", changes.since_run}, {"since", rfc3339_ms(changes.since_started_at_ms)}};
    // Only what moved, so that `.changes.grade` answers "did the grade change?".
    const RunOutcome &before = changes.before, &after = changes.after;
    if (before.verdict != after.verdict)
        document["status"] = {{"from", to_string(before.verdict)}, {"to", to_string(after.verdict)}};
    if (before.score != after.score)
        document["score"] = {{"from", nullable(before.score)}, {"to", nullable(after.score)}};
    if (before.grade != after.grade)
        document["grade"] = {{"from", nullable(before.grade)}, {"to", nullable(after.grade)}};
    document["new_problems"] = finding_changes(changes.new_problems);
    document["fixed"] = finding_changes(changes.fixed);
    document["changed"] = finding_changes(changes.changed);
    ordered_json replaced = ordered_json::array();
    for (const CertificateReplacement& replacement : changes.replaced)
        replaced.push_back({{"endpoint", replacement.endpoint},
                            {"from_sha256", replacement.before_sha256},
                            {"to_sha256", replacement.after_sha256},
                            {"from_not_after", rfc3339(replacement.before_not_after)},
                            {"to_not_after", rfc3339(replacement.after_not_after)}});
    document["certificates_replaced"] = replaced;
    ordered_json closer = ordered_json::array();
    for (const ExpiryApproach& approach : changes.closer_to_expiry)
        closer.push_back({{"subject", approach.subject},
                          {"endpoint", approach.endpoint},
                          {"certificate", approach.certificate},
                          {"sha256", approach.sha256},
                          {"not_after", rfc3339(approach.not_after)},
                          {"from_days_left", approach.days_left_before},
                          {"to_days_left", approach.days_left_after},
                          {"from_status", to_string(approach.before)},
                          {"to_status", to_string(approach.after)}});
    document["certificates_closer_to_expiry"] = closer;
    return document;
}

nlohmann::ordered_json status_counts_json(const std::array<int, all_statuses.size()>& counts) {
    nlohmann::ordered_json document = nlohmann::ordered_json::object();
    for (const Status status : all_statuses)
        document[std::string(to_string(status))] = counts[static_cast<std::size_t>(status)];
    return document;
}

std::string render_json(const Report& report) {
    ordered_json findings = ordered_json::array();
    for (const Finding& finding : report.findings) {
        findings.push_back({
            {"id", finding.check->id},
            {"title", finding.check->summary},
            {"status", to_string(finding.result.status)},
            {"severity", to_string(finding.severity)},
            {"subject", finding.result.subject.name()},
            {"message", finding.result.message},
            {"evidence", finding.result.evidence},
            {"remediation", finding.check->remediation},
            {"citation", finding.check->citation},
        });
    }
    ordered_json document = {
        {"schema", "mra-preflight/report/v1"}, {"tool", {{"name", "mra-preflight"}, {"version", MRA_VERSION}}},
        {"command", report.command},           {"target", report.target},
        {"profile", report.profile},           {"started_at", rfc3339_ms(report.started_at_ms)},
        {"duration_ms", report.duration_ms},   {"evaluated_at", rfc3339(report.evaluated_at)},
        {"score", nullable(report.score)},     {"grade", nullable(report.grade)},
        {"status", to_string(report.verdict)},
    };
    if (!report.score_withheld_because.empty()) document["score_withheld_because"] = report.score_withheld_because;
    document["errors"] = report.input_errors;
    document["counts"] = status_counts_json(count_statuses(report.findings));
    if (report.changes) document["changes"] = changes_json(*report.changes);
    document["findings"] = findings;
    // Replace invalid UTF-8 (e.g. a hostile certificate's subject) rather than throw.
    return document.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

}  // namespace mra::report
