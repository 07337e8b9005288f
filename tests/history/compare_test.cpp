// history::compare_runs, the rules of "what changed since the previous run" (src/history/compare.hpp),
// on hand-made runs: each rule, and what each rule must leave out.

#include "history/compare.hpp"

#include <doctest/doctest.h>

namespace {

using mra::Changes;
using mra::FindingChange;
using mra::Severity;
using mra::Status;
using mra::Verdict;
using mra::history::CertificateRecord;
using mra::history::compare_runs;
using mra::history::FindingRecord;
using mra::history::RunRecord;

constexpr std::int64_t day = 86400;
constexpr std::int64_t t0 = 1800000000;  // the earlier run's evaluation time

RunRecord run(std::int64_t id, std::int64_t evaluated_at = t0) {
    return {.id = id,
            .command = "run",
            .target = "example.com",
            .profile = "mra-readiness",
            .started_at_ms = evaluated_at * 1000,
            .evaluated_at = evaluated_at,
            .outcome = {Verdict::ok, 100, "A"}};
}

FindingRecord finding(std::string id, std::string subject, Status status, std::string message = "m") {
    return {std::move(id), std::move(subject), status, Severity::major, std::move(message)};
}

FindingChange change(std::string id, std::string subject, std::optional<Status> before, std::optional<Status> after,
                     std::string message = "m") {
    return {std::move(id), std::move(subject), before, after, Severity::major, std::move(message)};
}

}  // namespace

TEST_CASE("history compare: identical runs have no change, and say which run they follow") {
    RunRecord before = run(4), after = run(5, t0 + day);
    before.findings = after.findings = {finding("dns.collab-edge", "_collab-edge._tls.example.com", Status::pass),
                                        finding("edge.clock", "expe1:8443", Status::warn)};
    before.certificates = after.certificates = {{"expe1:8443", 0, "aa", t0 + 90 * day}};
    const Changes changes = compare_runs(before, after);
    CHECK(changes.none());
    CHECK(changes.since_run == 4);
    CHECK(changes.since_started_at_ms == t0 * 1000);
    CHECK(changes.before == changes.after);
}

TEST_CASE("history compare: a new problem is a warn, fail or error that was not one before") {
    RunRecord before = run(1), after = run(2);
    before.findings = {finding("a.pass-to-warn", "s", Status::pass), finding("b.info-to-fail", "s", Status::info),
                       finding("c.not-run-to-error", "s", Status::not_run),
                       finding("d.na-to-fail", "s", Status::not_applicable)};
    after.findings = {
        finding("a.pass-to-warn", "s", Status::warn, "now"), finding("b.info-to-fail", "s", Status::fail, "now"),
        finding("c.not-run-to-error", "s", Status::error, "now"), finding("d.na-to-fail", "s", Status::fail, "now"),
        finding("e.absent-to-warn", "s", Status::warn, "now")};
    const Changes changes = compare_runs(before, after);
    CHECK(changes.new_problems == std::vector{change("a.pass-to-warn", "s", Status::pass, Status::warn, "now"),
                                              change("b.info-to-fail", "s", Status::info, Status::fail, "now"),
                                              change("c.not-run-to-error", "s", Status::not_run, Status::error, "now"),
                                              change("d.na-to-fail", "s", Status::not_applicable, Status::fail, "now"),
                                              change("e.absent-to-warn", "s", std::nullopt, Status::warn, "now")});
    CHECK(changes.fixed.empty());
    CHECK(changes.changed.empty());
}

TEST_CASE("history compare: fixed is a problem now passing, informational, not applicable or gone") {
    RunRecord before = run(1), after = run(2);
    before.findings = {finding("a.fail-to-pass", "s", Status::fail), finding("b.warn-to-info", "s", Status::warn),
                       finding("c.error-to-na", "s", Status::error), finding("d.gone", "s", Status::warn, "was")};
    after.findings = {finding("a.fail-to-pass", "s", Status::pass, "good"),
                      finding("b.warn-to-info", "s", Status::info, "good"),
                      finding("c.error-to-na", "s", Status::not_applicable, "good")};
    const Changes changes = compare_runs(before, after);
    CHECK(changes.fixed == std::vector{change("a.fail-to-pass", "s", Status::fail, Status::pass, "good"),
                                       change("b.warn-to-info", "s", Status::warn, Status::info, "good"),
                                       change("c.error-to-na", "s", Status::error, Status::not_applicable, "good"),
                                       change("d.gone", "s", Status::warn, std::nullopt, "was")});
    CHECK(changes.new_problems.empty());
    CHECK(changes.changed.empty());
}

TEST_CASE("history compare: changed is a problem that stays one in another status, or is no longer judged") {
    RunRecord before = run(1), after = run(2);
    before.findings = {finding("a.warn-to-fail", "s", Status::warn), finding("b.fail-to-warn", "s", Status::fail),
                       finding("c.fail-to-not-run", "s", Status::fail)};
    after.findings = {finding("a.warn-to-fail", "s", Status::fail), finding("b.fail-to-warn", "s", Status::warn),
                      finding("c.fail-to-not-run", "s", Status::not_run)};
    const Changes changes = compare_runs(before, after);
    CHECK(changes.changed == std::vector{change("a.warn-to-fail", "s", Status::warn, Status::fail),
                                         change("b.fail-to-warn", "s", Status::fail, Status::warn),
                                         change("c.fail-to-not-run", "s", Status::fail, Status::not_run)});
    CHECK(changes.new_problems.empty());
    CHECK(changes.fixed.empty());
}

TEST_CASE("history compare: moves between statuses that are not problems are not changes") {
    RunRecord before = run(1), after = run(2);
    before.findings = {finding("a.x", "s", Status::pass), finding("b.x", "s", Status::not_run),
                       finding("c.x", "s", Status::info), finding("d.gone", "s", Status::pass)};
    after.findings = {finding("a.x", "s", Status::not_run), finding("b.x", "s", Status::pass),
                      finding("c.x", "s", Status::not_applicable), finding("e.new", "s", Status::pass)};
    CHECK(compare_runs(before, after).none());
}

TEST_CASE("history compare: findings are told apart by subject, and listed in the later run's order") {
    RunRecord before = run(1), after = run(2);
    before.findings = {finding("cert.hostname", "expe1:8443 leaf", Status::pass),
                       finding("cert.hostname", "expe2:8443 leaf", Status::fail),
                       finding("edge.clock", "expe1:8443", Status::warn)};
    after.findings = {finding("edge.https", "expe3:8443", Status::fail),
                      finding("cert.hostname", "expe2:8443 leaf", Status::pass),
                      finding("cert.hostname", "expe1:8443 leaf", Status::fail)};
    const Changes changes = compare_runs(before, after);
    CHECK(changes.new_problems == std::vector{change("edge.https", "expe3:8443", std::nullopt, Status::fail),
                                              change("cert.hostname", "expe1:8443 leaf", Status::pass, Status::fail)});
    // The finding gone from the later run comes after those still in it.
    CHECK(changes.fixed == std::vector{change("cert.hostname", "expe2:8443 leaf", Status::fail, Status::pass),
                                       change("edge.clock", "expe1:8443", Status::warn, std::nullopt)});
}

TEST_CASE("history compare: the outcome before and after") {
    RunRecord before = run(1), after = run(2);
    after.outcome = {Verdict::unknown, std::nullopt, std::nullopt};
    const Changes changes = compare_runs(before, after);
    CHECK_FALSE(changes.none());
    CHECK(changes.before == mra::RunOutcome{Verdict::ok, 100, "A"});
    CHECK(changes.after == mra::RunOutcome{Verdict::unknown, std::nullopt, std::nullopt});
}

TEST_CASE("history compare: a certificate is replaced when an endpoint's leaf has another SHA-256") {
    RunRecord before = run(1), after = run(2);
    before.certificates = {{"expe1:8443", 0, "old1", t0 + 10 * day},  {"expe1:8443", 1, "ca", t0 + 900 * day},
                           {"expe2:8443", 0, "same", t0 + 40 * day},  {"expe3:8443", 0, "gone", t0 + 40 * day},
                           {"expe4:8443", 0, "leaf4", t0 + 40 * day}, {"expe4:8443", 1, "ca", t0 + 900 * day}};
    after.certificates = {{"expe1:8443", 0, "new1", t0 + 400 * day}, {"expe1:8443", 1, "ca", t0 + 900 * day},
                          {"expe2:8443", 0, "same", t0 + 40 * day},  {"expe5:8443", 0, "first", t0 + 40 * day},
                          {"expe4:8443", 0, "leaf4", t0 + 40 * day}, {"expe4:8443", 1, "other-ca", t0 + 900 * day}};
    const Changes changes = compare_runs(before, after);
    // Not: an endpoint judged in one run only, nor another intermediate under the same leaf.
    CHECK(changes.replaced ==
          std::vector<mra::CertificateReplacement>{{"expe1:8443", "old1", "new1", t0 + 10 * day, t0 + 400 * day}});
    CHECK(changes.closer_to_expiry.empty());
}

TEST_CASE("history compare: closer to expiry is the same certificate whose cert.expiry got worse") {
    RunRecord before = run(1), after = run(2, t0 + 20 * day);
    before.certificates = {{"expe1:8443", 0, "leaf1", t0 + 35 * day},   // pass → warn: 35 → 15 days
                           {"expe1:8443", 1, "ca", t0 + 15 * day},      // warn → fail: 15 days, then expired
                           {"expe2:8443", 0, "leaf2", t0 + 29 * day},   // warn → warn: counting down is not news
                           {"expe3:8443", 0, "old3", t0 + 35 * day},    // replaced: not the same certificate
                           {"expe4:8443", 0, "leaf4", t0 + 500 * day},  // pass → pass
                           {"", 0, "file", t0 + 35 * day}};             // the cert command's, pass → warn
    after.certificates = {{"expe1:8443", 0, "leaf1", t0 + 35 * day},  {"expe1:8443", 1, "ca", t0 + 15 * day},
                          {"expe2:8443", 0, "leaf2", t0 + 29 * day},  {"expe3:8443", 0, "new3", t0 + 21 * day},
                          {"expe4:8443", 0, "leaf4", t0 + 500 * day}, {"", 0, "file", t0 + 35 * day}};
    before.findings = {finding("cert.expiry", "expe1:8443 leaf", Status::pass),
                       finding("cert.expiry", "expe1:8443 chain[1]", Status::warn),
                       finding("cert.expiry", "expe2:8443 leaf", Status::warn),
                       finding("cert.expiry", "expe3:8443 leaf", Status::pass),
                       finding("cert.expiry", "expe4:8443 leaf", Status::pass),
                       finding("cert.expiry", "leaf", Status::pass)};
    after.findings = {finding("cert.expiry", "expe1:8443 leaf", Status::warn),
                      finding("cert.expiry", "expe1:8443 chain[1]", Status::fail),
                      finding("cert.expiry", "expe2:8443 leaf", Status::warn),
                      finding("cert.expiry", "expe3:8443 leaf", Status::warn),
                      finding("cert.expiry", "expe4:8443 leaf", Status::pass),
                      finding("cert.expiry", "leaf", Status::warn)};
    const Changes changes = compare_runs(before, after);
    using mra::ExpiryApproach;
    CHECK(
        changes.closer_to_expiry ==
        std::vector<ExpiryApproach>{
            {"expe1:8443 leaf", "expe1:8443", "leaf", "leaf1", t0 + 35 * day, 35, 15, Status::pass, Status::warn},
            {"expe1:8443 chain[1]", "expe1:8443", "chain[1]", "ca", t0 + 15 * day, 15, -5, Status::warn, Status::fail},
            {"leaf", "", "leaf", "file", t0 + 35 * day, 35, 15, Status::pass, Status::warn}});
    CHECK(changes.replaced.size() == 1);
    // The findings themselves are still findings that changed.
    CHECK(changes.new_problems.size() == 3);
    CHECK(changes.changed.size() == 1);
}

TEST_CASE("history compare: a certificate getting better or judged for the first time is not closer to expiry") {
    RunRecord before = run(1), after = run(2, t0 + day);
    before.certificates =
        after.certificates = {{"expe1:8443", 0, "leaf1", t0 + 10 * day}, {"expe2:8443", 0, "leaf2", t0 + 10 * day}};
    before.findings = {finding("cert.expiry", "expe1:8443 leaf", Status::fail),
                       finding("cert.expiry", "expe2:8443 leaf", Status::not_run)};
    after.findings = {finding("cert.expiry", "expe1:8443 leaf", Status::warn),
                      finding("cert.expiry", "expe2:8443 leaf", Status::warn)};
    CHECK(compare_runs(before, after).closer_to_expiry.empty());
}
