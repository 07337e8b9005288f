#include "report/prometheus_writer.hpp"

#include <set>
#include <utility>

#include "util/text.hpp"
#include "util/time.hpp"

namespace mra::report {
namespace {

// Label values: valid UTF-8 with backslash, double quote and line feed escaped (format 0.0.4).
std::string label_value(std::string_view text) {
    std::string result;
    for (const char c : valid_utf8(text)) {
        if (c == '\\')
            result += "\\\\";
        else if (c == '"')
            result += "\\\"";
        else if (c == '\n')
            result += "\\n";
        else
            result += c;
    }
    return result;
}

class Exposition {
public:
    // Every metric's HELP and TYPE once, before its series.
    void metric(const char* name, const char* help) {
        m_name = name;
        m_out += std::string("# HELP ") + name + " " + help + "\n# TYPE " + name + " gauge\n";
    }
    void series(const std::vector<std::pair<const char*, std::string>>& labels, const std::string& value) {
        m_out += m_name + "{";
        for (std::size_t i = 0; i < labels.size(); ++i)
            m_out += (i ? "," : "") + std::string(labels[i].first) + "=\"" + label_value(labels[i].second) + "\"";
        m_out += "} " + value + "\n";
    }
    const std::string& text() const { return m_out; }

private:
    std::string m_name;
    std::string m_out;
};

}  // namespace

std::string render_prometheus(const Report& report) {
    Exposition out;
    const std::string& target = report.target;

    out.metric("mra_preflight_score",
               "Weighted score 0-100; NaN when withheld because a required check could not run.");
    out.series({{"target", target}}, report.score ? std::to_string(*report.score) : "NaN");

    out.metric("mra_preflight_status", "Overall verdict, as the exit code: 0 ok, 1 warning, 2 critical, 3 unknown.");
    out.series({{"target", target}}, std::to_string(exit_code(report.verdict)));

    out.metric("mra_preflight_findings", "Findings of the run by status.");
    const auto counts = count_statuses(report.findings);
    for (Status status : all_statuses)
        out.series({{"target", target}, {"status", std::string(to_string(status))}},
                   std::to_string(counts[static_cast<std::size_t>(status)]));

    out.metric("mra_preflight_check_status",
               "Status of each check per subject: 0 pass, 1 info, 2 warn, 3 fail, 4 error, 5 not_applicable, "
               "6 not_run.");
    std::set<std::pair<std::string, std::string>> seen;  // a duplicate series would void the whole file
    for (const Finding& finding : report.findings)
        if (seen.emplace(finding.check->id, finding.result.subject.name()).second)
            out.series({{"target", target},
                        {"check", std::string(finding.check->id)},
                        {"subject", finding.result.subject.name()}},
                       std::to_string(static_cast<int>(finding.result.status)));

    // One per chain judged: its endpoint ("HOST:PORT"; the target for the cert command's file).
    out.metric("mra_preflight_certificate_expiry_days",
               "Whole days until the endpoint's leaf certificate expires (negative once expired), as of the "
               "evaluation time.");
    for (const ChainSummary& chain : report.chains)
        if (!chain.path.empty())
            out.series({{"target", target}, {"endpoint", chain.label.empty() ? target : chain.label}},
                       std::to_string(chain.path.front().days_left));

    out.metric("mra_preflight_run_duration_seconds", "How long the run took.");
    out.series({{"target", target}}, decimal_seconds(report.duration_ms));

    // A run succeeds when it reaches a verdict. An unknown one leaves the series out (the file is
    // replaced, the previous value is not known here): alert on its absence as well as its age.
    out.metric("mra_preflight_last_success_timestamp_seconds",
               "When the last run that reached a verdict (not unknown) finished, Unix time.");
    if (report.verdict != Verdict::unknown)
        out.series({{"target", target}}, decimal_seconds(report.started_at_ms + report.duration_ms));
    return out.text();
}

}  // namespace mra::report
