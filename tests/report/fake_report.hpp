#pragma once
// A hand-made report for writer tests that need what real runs rarely give: hostile text in every
// field a writer prints (markup, quotes, backslashes, line breaks, control characters, invalid UTF-8).

#include "core/report.hpp"

namespace mra::test {

inline const std::string hostile = "a<b>&\"c'\\d|e\nf\x01g\xff";

inline const CheckInfo& hostile_check() {
    static const CheckInfo info{.id = "cert.expiry",
                                .summary = "summary",
                                .citation = "RFC 5280",
                                .severity = Severity::critical,
                                .remediation = "renew"};
    return info;
}

// One finding of each status, subjects "s0" … "s6"; the fail's message and a leaf are hostile.
inline Report fake_report() {
    Report report{.command = "run", .target = "example.com", .profile = "mra-readiness"};
    report.started_at_ms = 1800000000000;
    report.duration_ms = 1234;
    report.evaluated_at = 1800000000;
    report.score = 42;
    report.grade = "F";
    report.verdict = Verdict::critical;
    for (int status = 0; status < 7; ++status)
        report.findings.push_back({&hostile_check(),
                                   Severity::critical,
                                   {"s" + std::to_string(status), static_cast<Status>(status), "message"}});
    report.findings[3].result.message = hostile;
    report.findings[3].result.evidence = {{"certificate", hostile}, {"days_left", -3}};
    report.findings[3].result.subject = "exp\"e1:8443 leaf";
    return report;
}

}  // namespace mra::test
