#include "core/scoring.hpp"

#include <doctest/doctest.h>

namespace {

const mra::CheckInfo critical_info{
    .id = "t.critical", .summary = "", .citation = "", .severity = mra::Severity::critical, .remediation = ""};
const mra::CheckInfo minor_info{
    .id = "t.minor", .summary = "", .citation = "", .severity = mra::Severity::minor, .remediation = ""};
void nothing(const mra::CheckContext&, mra::Results&) {}
const mra::Check critical_check{critical_info, nothing};
const mra::Check minor_check{minor_info, nothing};

// Built with designated initializers: assigning a short literal to `name` trips GCC 12's bogus
// -Wrestrict at -O2 (GCC bug 105329).
mra::Profile profile() {
    return {.name = "t",
            .checks = {&critical_check, &minor_check},
            .severity_weights = {{mra::Severity::critical, 10},
                                 {mra::Severity::major, 5},
                                 {mra::Severity::minor, 2},
                                 {mra::Severity::info, 1}},
            .grades = {{"A", 90}, {"B", 80}, {"C", 70}, {"D", 60}}};
}

mra::Finding finding(const mra::Check& check, mra::Status status, std::string subject = "") {
    return {&check.info, check.info.severity, {std::move(subject), status, "", mra::Evidence::object()}};
}

mra::Report scored(std::vector<mra::Finding> findings, const mra::Profile& p = profile()) {
    mra::Report report;
    report.findings = std::move(findings);
    mra::score(report, p);
    return report;
}

}  // namespace

TEST_CASE("all pass: 100, A, ok") {
    const auto report = scored({finding(critical_check, mra::Status::pass), finding(minor_check, mra::Status::pass)});
    CHECK(report.score == 100);
    CHECK(report.grade == "A");
    CHECK(report.verdict == mra::Verdict::ok);
}

TEST_CASE("a minor fail costs its weight and warns") {
    const auto report = scored({finding(critical_check, mra::Status::pass), finding(minor_check, mra::Status::fail)});
    CHECK(report.score == 83);  // 10 of 12
    CHECK(report.grade == "B");
    CHECK(report.verdict == mra::Verdict::warning);
}

TEST_CASE("a warn earns half") {
    const auto report = scored({finding(critical_check, mra::Status::pass), finding(minor_check, mra::Status::warn)});
    CHECK(report.score == 92);  // 11 of 12
    CHECK(report.verdict == mra::Verdict::warning);
}

TEST_CASE("a critical fail caps the grade whatever the score") {
    auto p = profile();
    p.severity_weights[mra::Severity::critical] = 1;
    p.severity_weights[mra::Severity::minor] = 100;
    const auto report =
        scored({finding(critical_check, mra::Status::fail), finding(minor_check, mra::Status::pass)}, p);
    CHECK(report.score == 99);
    CHECK(report.grade == "F");
    CHECK(report.verdict == mra::Verdict::critical);
}

TEST_CASE("a check counts once, by its worst finding") {
    const auto report =
        scored({finding(critical_check, mra::Status::pass, "a"), finding(critical_check, mra::Status::fail, "b"),
                finding(minor_check, mra::Status::pass)});
    CHECK(report.score == 17);  // 2 of 12
}

TEST_CASE("a required check that did not run withholds the score") {
    auto p = profile();
    p.required = {"t.critical"};
    const auto report =
        scored({finding(critical_check, mra::Status::not_run), finding(minor_check, mra::Status::pass)}, p);
    CHECK_FALSE(report.score.has_value());
    CHECK_FALSE(report.grade.has_value());
    CHECK(report.score_withheld_because.find("t.critical") != std::string::npos);
    CHECK(report.verdict == mra::Verdict::unknown);
}

TEST_CASE("not_applicable does not count, and nothing judged withholds the score") {
    const auto report =
        scored({finding(critical_check, mra::Status::not_applicable), finding(minor_check, mra::Status::pass)});
    CHECK(report.score == 100);
    const auto empty = scored({finding(critical_check, mra::Status::not_applicable)});
    CHECK_FALSE(empty.score.has_value());
    CHECK(empty.verdict == mra::Verdict::unknown);
}

TEST_CASE("input errors make the verdict unknown") {
    mra::Report report;
    report.findings = {finding(critical_check, mra::Status::pass)};
    report.input_errors = {"cert.parse: bad"};
    mra::score(report, profile());
    CHECK(report.verdict == mra::Verdict::unknown);
}
