#include "report/text_writer.hpp"

#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "report/client_path.hpp"
#include "report/finding_groups.hpp"
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

// "98 passed on 6 endpoints, 2 not applicable" for the findings of a stage that are neither problems
// nor notes; empty when there are none.
std::string stage_summary(const PathStage& stage) {
    std::size_t passed = 0, not_applicable = 0;
    std::set<std::string> endpoints;
    for (const Finding* finding : stage.findings) {
        if (finding->result.status == Status::pass) {
            ++passed;
            if (!finding->result.subject.endpoint.empty()) endpoints.insert(finding->result.subject.endpoint);
        }
        not_applicable += finding->result.status == Status::not_applicable;
    }
    std::string text;
    if (passed > 0)
        text = std::to_string(passed) + " passed" +
               (endpoints.size() > 1 ? " on " + std::to_string(endpoints.size()) + " endpoints" : "");
    if (not_applicable > 0) text += (text.empty() ? "" : ", ") + std::to_string(not_applicable) + " not applicable";
    return text;
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

    std::vector<const Finding*> problems, notes, others;
    for (const Finding& finding : report.findings) {
        const Status status = finding.result.status;
        (is_problem(status)                                                             ? problems
         : !style.verbose && status != Status::pass && status != Status::not_applicable ? notes
                                                                                        : others)
            .push_back(&finding);
    }

    // Problems first, each said once with every subject it is true of.
    for (const FindingGroup& group : group_identical(problems)) {
        const Finding& first = group.first();
        const std::string subjects = group.subject_list();
        out << paint(first.result.status, status_label(first.result.status)) << "  " << first.check->id << " ["
            << to_string(first.severity) << "]" << (subjects.empty() ? "" : "  " + subjects) << "\n";
        out << "      " << first.result.message << "\n";
        if (!group.evidence_differs()) {
            write_evidence(out, first.result.evidence);
        } else if (style.verbose) {
            for (const Finding* finding : group.findings) {
                out << "      " << finding->result.subject.name() << ":\n";
                write_evidence(out, finding->result.evidence);
            }
        } else {
            out << "      " << first.result.subject.name() << " (each subject's evidence: --verbose):\n";
            write_evidence(out, first.result.evidence);
        }
        out << "      fix: " << first.check->remediation << "\n";
        out << "      see: " << first.check->citation << "\n\n";
    }
    // Then what is worth knowing (info, not run, …) a line each, and what passed: with --verbose a
    // line per finding, else a line per stage of the client's path.
    for (const FindingGroup& group : group_identical(notes)) {
        const std::string subjects = group.subject_list();
        out << paint(group.first().result.status, padded(status_label(group.first().result.status), 9))
            << padded(std::string(group.first().check->id), 26) << (subjects.empty() ? "" : subjects + ": ")
            << group.first().result.message << "\n";
    }
    if (style.verbose) {
        for (const Finding* finding : others) {
            const Result& result = finding->result;
            out << paint(result.status, padded(status_label(result.status), 9))
                << padded(std::string(finding->check->id), 26)
                << (result.subject.empty() ? "" : result.subject.name() + ": ") << result.message << "\n";
        }
    } else {
        for (const PathStage& stage : by_client_path(report.findings))
            if (const std::string line = stage_summary(stage); !line.empty())
                out << paint(Status::pass, padded(std::string(stage.title), 15)) << line << "\n";
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
    if (!report.grade_capped_by.empty())
        out << "grade " << *report.grade << " despite score " << *report.score << ": a critical failure ("
            << report.grade_capped_by << ") caps the grade at " << *report.grade << "\n";
    return out.str();
}

}  // namespace mra::report
