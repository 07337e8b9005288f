#include "report/json_writer.hpp"

#include "util/time.hpp"

namespace mra::report {

nlohmann::ordered_json status_counts_json(const std::vector<Finding>& findings) {
    nlohmann::ordered_json counts = nlohmann::ordered_json::object();
    const auto numbers = count_statuses(findings);
    for (const Status status : all_statuses)
        counts[std::string(to_string(status))] = numbers[static_cast<std::size_t>(status)];
    return counts;
}

std::string render_json(const Report& report) {
    using nlohmann::ordered_json;
    ordered_json findings = ordered_json::array();
    for (const Finding& finding : report.findings) {
        findings.push_back({
            {"id", finding.check->id},
            {"title", finding.check->summary},
            {"status", to_string(finding.result.status)},
            {"severity", to_string(finding.severity)},
            {"subject", finding.result.subject},
            {"message", finding.result.message},
            {"evidence", finding.result.evidence},
            {"remediation", finding.check->remediation},
            {"citation", finding.check->citation},
        });
    }
    ordered_json document = {
        {"schema", "mra-preflight/report/v1"},
        {"tool", {{"name", "mra-preflight"}, {"version", MRA_VERSION}}},
        {"command", report.command},
        {"target", report.target},
        {"profile", report.profile},
        {"started_at", rfc3339_ms(report.started_at_ms)},
        {"duration_ms", report.duration_ms},
        {"evaluated_at", rfc3339(report.evaluated_at)},
        {"score", report.score ? ordered_json(*report.score) : ordered_json(nullptr)},
        {"grade", report.grade ? ordered_json(*report.grade) : ordered_json(nullptr)},
        {"status", to_string(report.verdict)},
    };
    if (!report.score_withheld_because.empty()) document["score_withheld_because"] = report.score_withheld_because;
    document["errors"] = report.input_errors;
    document["counts"] = status_counts_json(report.findings);
    document["findings"] = findings;
    // Replace invalid UTF-8 (e.g. a hostile certificate's subject) rather than throw.
    return document.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

}  // namespace mra::report
