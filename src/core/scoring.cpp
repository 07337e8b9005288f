#include "core/scoring.hpp"

#include <algorithm>
#include <cmath>
#include <map>

namespace mra {
namespace {

// Worse statuses rank higher: the status a check counts with is its worst result's.
int rank(Status status) {
    switch (status) {
        case Status::not_applicable:
            return 0;
        case Status::pass:
            return 1;
        case Status::info:
            return 2;
        case Status::warn:
            return 3;
        case Status::not_run:
            return 4;
        case Status::error:
            return 5;
        case Status::fail:
            return 6;
    }
    return 0;
}

std::optional<double> credit(Status status) {
    switch (status) {
        case Status::pass:
        case Status::info:
            return 1.0;
        case Status::warn:
            return 0.5;
        case Status::fail:
            return 0.0;
        default:
            return std::nullopt;
    }
}

std::string grade_for(int score, const Profile& profile) {
    for (const auto& band : profile.grades)
        if (score >= band.minimum_score) return band.grade;
    return "F";
}

// Grades compare by their place in the profile's bands; "F" (below every band) is worst.
std::string worse_grade(const std::string& a, const std::string& b, const Profile& profile) {
    auto place = [&](const std::string& grade) {
        for (std::size_t i = 0; i < profile.grades.size(); ++i)
            if (profile.grades[i].grade == grade) return i;
        return profile.grades.size();
    };
    return place(a) >= place(b) ? a : b;
}

}  // namespace

void score(Report& report, const Profile& profile) {
    std::map<std::string_view, Status> worst;  // check id → worst status
    bool any_problem = false;
    std::string_view first_critical_fail;  // empty: no critical fail
    for (const Finding& finding : report.findings) {
        const Status status = finding.result.status;
        auto [it, inserted] = worst.try_emplace(finding.check->id, status);
        if (!inserted && rank(status) > rank(it->second)) it->second = status;
        if (status == Status::fail && finding.severity == Severity::critical && first_critical_fail.empty())
            first_critical_fail = finding.check->id;
        any_problem |= status == Status::warn || status == Status::fail || status == Status::error;
    }

    const bool critical_fail = !first_critical_fail.empty();
    double earned = 0, possible = 0;
    for (const Check* check : profile.checks) {
        auto it = worst.find(check->info.id);
        if (it == worst.end()) continue;
        if ((it->second == Status::not_run || it->second == Status::error) && profile.is_required(check->info.id)) {
            report.score_withheld_because = "required check " + std::string(check->info.id) + " did not run";
            break;
        }
        if (auto value = credit(it->second)) {
            earned += *value * profile.weight_of(*check);
            possible += profile.weight_of(*check);
        }
    }
    if (report.score_withheld_because.empty() && possible == 0)
        report.score_withheld_because = "no check could be judged";

    if (report.score_withheld_because.empty()) {
        report.score = static_cast<int>(std::lround(100.0 * earned / possible));
        std::string grade = grade_for(*report.score, profile);
        if (critical_fail) {
            const std::string capped = worse_grade(grade, profile.critical_fail_grade, profile);
            if (capped != grade) report.grade_capped_by = first_critical_fail;
            grade = capped;
        }
        report.grade = grade;
    }

    if (!report.input_errors.empty())
        report.verdict = Verdict::unknown;
    else if (critical_fail)
        report.verdict = Verdict::critical;
    else if (!report.score_withheld_because.empty())
        report.verdict = Verdict::unknown;
    else if (any_problem)
        report.verdict = Verdict::warning;
    else
        report.verdict = Verdict::ok;
}

}  // namespace mra
