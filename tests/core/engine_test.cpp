#include "core/engine.hpp"

#include <doctest/doctest.h>

namespace {

// One subject judged at the check's severity, one that the check says matters less.
void two_subjects(const mra::CheckContext&, mra::Results& results) {
    results.add("main", mra::Status::fail, "on the path");
    results.add("aside", mra::Status::fail, "a stale record", mra::Evidence::object(), mra::Severity::minor);
}
const mra::Check check{
    {.id = "t.two", .summary = "", .citation = "", .severity = mra::Severity::critical, .remediation = ""},
    two_subjects};

mra::Profile profile() {
    return {.name = "t", .checks = {&check}};
}

}  // namespace

TEST_CASE("a finding's severity is the check's, or the lesser ceiling its result names") {
    auto p = profile();
    auto findings = mra::evaluate({}, p);
    REQUIRE(findings.size() == 2);
    CHECK(findings[0].severity == mra::Severity::critical);
    CHECK(findings[1].severity == mra::Severity::minor);

    // A profile that lowers the check below the ceiling lowers every subject.
    p.severity["t.two"] = mra::Severity::info;
    findings = mra::evaluate({}, p);
    CHECK(findings[0].severity == mra::Severity::info);
    CHECK(findings[1].severity == mra::Severity::info);
}
