#include "history/run_record.hpp"

namespace mra::history {

RunRecord record_of(const Report& report) {
    RunRecord run{.command = report.command,
                  .target = report.target,
                  .profile = report.profile,
                  .started_at_ms = report.started_at_ms,
                  .duration_ms = report.duration_ms,
                  .evaluated_at = report.evaluated_at,
                  .outcome = {report.verdict, report.score, report.grade}};
    for (const Finding& finding : report.findings)
        run.findings.push_back({std::string(finding.check->id), finding.result.subject.name(), finding.result.status,
                                finding.severity, finding.result.message});
    for (const ChainSummary& chain : report.chains)
        for (std::size_t position = 0; position < chain.path.size(); ++position)
            run.certificates.push_back(
                {chain.label, static_cast<int>(position), chain.path[position].sha256, chain.path[position].not_after});
    return run;
}

}  // namespace mra::history
