#include "core/assess.hpp"

#include "core/chain_summaries.hpp"
#include "core/engine.hpp"
#include "core/scoring.hpp"
#include "util/time.hpp"

namespace mra {

Report assess(const std::string& command, const facts::Facts& facts, const Profile& profile,
              std::int64_t started_at_ms) {
    Report report;
    report.command = command;
    report.target = facts.target;
    report.profile = profile.name;
    report.started_at_ms = started_at_ms;
    report.evaluated_at = facts.evaluated_at;
    report.findings = evaluate(facts, profile);
    report.chains = summarise_chains(facts);
    for (const Finding& finding : report.findings)
        if (finding.check->judges_input && finding.result.status == Status::fail)
            report.input_errors.push_back(std::string(finding.check->id) + ": " +
                                          (finding.result.subject.empty() ? "" : finding.result.subject.name() + ": ") +
                                          finding.result.message);
    score(report, profile);
    report.duration_ms = unix_now_ms() - started_at_ms;
    return report;
}

}  // namespace mra
