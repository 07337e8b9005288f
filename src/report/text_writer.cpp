#include "report/text_writer.hpp"

#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "report/finding_text.hpp"
#include "util/text.hpp"
#include "util/time.hpp"

namespace mra::report {
namespace {

const char* colour_of(Status status) {
    switch (status) {
        case Status::pass:
            return "\033[32m";
        case Status::warn:
            return "\033[33m";
        case Status::fail:
        case Status::error:
            return "\033[31m";
        case Status::info:
            return "\033[36m";
        default:
            return "\033[2m";
    }
}

std::string padded(std::string text, std::size_t width) {
    if (text.size() < width) text.resize(width, ' ');
    return text;
}

// Evidence values are shown as compact JSON text on one line each.
void write_evidence(std::ostringstream& out, const Evidence& evidence) {
    for (const auto& [key, value] : evidence.items()) out << "        " << key << ": " << evidence_text(value) << "\n";
}

std::string label(std::optional<Status> status) {
    return status ? status_label(*status) : "ABSENT";
}

// "status OK → WARNING, score 100 → 93, grade A → B": the parts that moved.
std::string outcome_change(const RunOutcome& before, const RunOutcome& after) {
    auto score = [](const RunOutcome& outcome) { return outcome.score ? std::to_string(*outcome.score) : "withheld"; };
    auto grade = [](const RunOutcome& outcome) { return outcome.grade.value_or("none"); };
    std::vector<std::string> parts;
    if (before.verdict != after.verdict)
        parts.push_back("status " + upper_case(to_string(before.verdict)) + " → " +
                        upper_case(to_string(after.verdict)));
    if (before.score != after.score) parts.push_back("score " + score(before) + " → " + score(after));
    if (before.grade != after.grade) parts.push_back("grade " + grade(before) + " → " + grade(after));
    if (parts.empty()) return "status, score and grade unchanged";
    std::string text = parts.front();
    for (std::size_t i = 1; i < parts.size(); ++i) text += ", " + parts[i];
    return text;
}

void write_finding_changes(std::ostringstream& out, std::string_view kind, const std::vector<FindingChange>& changes) {
    for (const FindingChange& change : changes)
        out << "  " << padded(std::string(kind), 13) << label(change.before) << " → " << label(change.after) << "  "
            << change.check_id << (change.subject.empty() ? "" : "  " + change.subject) << ": " << change.message
            << "\n";
}

std::string days_left(std::int64_t days) {
    return days < 0 ? "expired" : std::to_string(days) + " days left";
}

std::string endpoint_name(const std::string& endpoint) {
    return endpoint.empty() ? "the certificate" : endpoint;
}

}  // namespace

std::string render_changes_text(const Changes& changes, const std::string& heading) {
    std::ostringstream out;
    out << heading << ": " << (changes.none() ? "no change" : outcome_change(changes.before, changes.after)) << "\n";
    write_finding_changes(out, "new problem", changes.new_problems);
    write_finding_changes(out, "fixed", changes.fixed);
    write_finding_changes(out, "changed", changes.changed);
    auto fingerprint = [](const std::string& sha256) { return sha256.substr(0, 16) + "…"; };
    for (const CertificateReplacement& replaced : changes.replaced)
        out << "  certificate replaced  " << endpoint_name(replaced.endpoint) << ": sha256 "
            << fingerprint(replaced.before_sha256) << " valid until " << date_only(replaced.before_not_after) << " → "
            << fingerprint(replaced.after_sha256) << " valid until " << date_only(replaced.after_not_after) << "\n";
    for (const ExpiryApproach& approach : changes.closer_to_expiry)
        out << "  closer to expiry  " << approach.subject << ": " << days_left(approach.days_left_after) << " (was "
            << days_left(approach.days_left_before) << "), valid until " << date_only(approach.not_after)
            << ", cert.expiry " << label(approach.before) << " → " << label(approach.after) << "\n";
    return out.str();
}

std::string render_text(const Report& report, TextStyle style) {
    std::ostringstream out;
    auto paint = [&](Status status, std::string_view text) {
        return style.colour ? std::string(colour_of(status)) + std::string(text) + "\033[0m" : std::string(text);
    };

    out << "mra-preflight " << MRA_VERSION << " — " << report.command << " " << report.target << "\n";
    out << "profile " << report.profile << ", evaluated at " << rfc3339(report.evaluated_at) << "\n\n";

    std::vector<const Finding*> problems, others;
    for (const Finding& finding : report.findings)
        (is_problem(finding.result.status) ? problems : others).push_back(&finding);

    for (const Finding* finding : problems) {
        const Result& result = finding->result;
        out << paint(result.status, status_label(result.status)) << "  " << finding->check->id << " ["
            << to_string(finding->severity) << "]" << (result.subject.empty() ? "" : "  " + result.subject) << "\n";
        out << "      " << result.message << "\n";
        write_evidence(out, result.evidence);
        out << "      fix: " << finding->check->remediation << "\n";
        out << "      see: " << finding->check->citation << "\n\n";
    }
    for (const Finding* finding : others) {
        const Result& result = finding->result;
        out << paint(result.status, padded(status_label(result.status), 9))
            << padded(std::string(finding->check->id), 26) << (result.subject.empty() ? "" : result.subject + ": ")
            << result.message << "\n";
    }

    if (report.changes)
        out << "\n"
            << render_changes_text(*report.changes, "Since the run of " +
                                                        rfc3339_ms(report.changes->since_started_at_ms) + " (run " +
                                                        std::to_string(report.changes->since_run) + ")");
    for (const auto& error : report.input_errors) out << "\nerror: " << error << "\n";
    out << "\nstatus " << upper_case(to_string(report.verdict));
    if (report.score)
        out << ", score " << *report.score << "/100, grade " << *report.grade;
    else
        out << ", score withheld: " << report.score_withheld_because;
    const auto counts = count_statuses(report.findings);
    out << " (" << counts[0] << " pass, " << counts[1] << " info, " << counts[2] << " warn, " << counts[3] << " fail, "
        << counts[4] << " error, " << counts[5] << " not applicable, " << counts[6] << " not run)\n";
    return out.str();
}

}  // namespace mra::report
