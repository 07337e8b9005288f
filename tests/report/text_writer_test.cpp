#include "report/text_writer.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <string>

#include "tests/report/fake_report.hpp"

namespace {

const mra::CheckInfo& check_named(const char* id) {
    static std::map<std::string, mra::CheckInfo> infos;
    return infos
        .try_emplace(id, mra::CheckInfo{.id = id,
                                        .summary = "What passing means.",
                                        .citation = "RFC 0000 §1",
                                        .severity = mra::Severity::critical,
                                        .remediation = "Do the right thing."})
        .first->second;
}

mra::Finding finding(const char* id, mra::Status status, mra::Subject subject, std::string message,
                     mra::Evidence evidence = mra::Evidence::object()) {
    return {&check_named(id), mra::Severity::critical, {std::move(subject), status, std::move(message), evidence}};
}

std::size_t count(const std::string& text, const std::string& part) {
    std::size_t found = 0;
    for (auto at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) ++found;
    return found;
}

mra::Report healthy_but_md5() {
    using mra::Status;
    mra::Report report = mra::test::fake_report();
    report.findings.clear();
    for (const char* port : {"8443", "5061", "5222"})
        for (const char* peer : {"expe1", "expe2"})
            report.findings.push_back(finding("cert.signature-hash", Status::fail,
                                              {std::string(peer) + ".example.com:" + port, "chain"},
                                              "leaf is signed with MD5", {{"leaf", "md5WithRSAEncryption"}}));
    for (int i = 0; i < 40; ++i)
        report.findings.push_back(finding("dns.srv", Status::pass, {"record " + std::to_string(i % 4), "SRV"}, "fine"));
    report.findings.push_back(finding("cert.csr", Status::not_applicable, "", "no request given"));
    report.findings.push_back(finding("edge.services", Status::info, "expe1:8443", "harmless NameError"));
    report.findings.push_back(finding("edge.services", Status::info, "expe2:8443", "harmless NameError"));
    report.score = 94;
    report.grade = "F";
    report.grade_capped_by = "cert.signature-hash";
    return report;
}

}  // namespace

TEST_CASE("text: a problem said about several subjects is one entry listing them, passes one line per stage") {
    const std::string text = mra::report::render_text(healthy_but_md5(), {});
    CAPTURE(text);
    CHECK(count(text, "FAIL  cert.signature-hash") == 1);
    // One part (the chain) of six endpoints.
    CHECK(
        text.find("FAIL  cert.signature-hash [critical]  chain of expe1.example.com:8443, expe2.example.com:8443, "
                  "expe1.example.com:5061, expe2.example.com:5061, expe1.example.com:5222, expe2.example.com:5222\n") !=
        std::string::npos);
    CHECK(count(text, "leaf: md5WithRSAEncryption") == 1);  // the same evidence, once
    CHECK(count(text, "fix: Do the right thing.") == 1);
    CHECK(text.find("INFO     edge.services             expe1:8443, expe2:8443: harmless NameError") !=
          std::string::npos);
    CHECK(text.find("DNS            40 passed on 4 endpoints\n") != std::string::npos);  // counted by endpoint
    CHECK(text.find("Certificates   1 not applicable") != std::string::npos);
    CHECK(count(text, "PASS") == 0);
    CHECK(text.find("grade F despite score 94: a critical failure (cert.signature-hash) caps the grade at F") !=
          std::string::npos);
    CHECK(std::count(text.begin(), text.end(), '\n') <= 20);
}

TEST_CASE("text: --verbose lists every finding, and each subject's evidence where it differs") {
    auto report = healthy_but_md5();
    report.findings[1].result.evidence = {{"leaf", "md5WithRSAEncryption"}, {"elapsed_ms", 7}};
    const std::string grouped = mra::report::render_text(report, {});
    CHECK(grouped.find("expe1.example.com:8443 chain (each subject's evidence: --verbose):") != std::string::npos);
    CHECK(grouped.find("elapsed_ms") == std::string::npos);

    const std::string verbose = mra::report::render_text(report, {.verbose = true});
    CAPTURE(verbose);
    CHECK(count(verbose, "FAIL  cert.signature-hash") == 1);
    CHECK(verbose.find(
              "      expe2.example.com:8443 chain:\n        leaf: md5WithRSAEncryption\n        elapsed_ms: 7") !=
          std::string::npos);
    CHECK(count(verbose, "PASS     dns.srv") == 40);
    CHECK(count(verbose, "INFO     edge.services") == 2);
    CHECK(verbose.find("N/A      cert.csr") != std::string::npos);
}

TEST_CASE("text: no grade line of its own when nothing capped the grade") {
    auto report = healthy_but_md5();
    report.grade_capped_by.clear();
    CHECK(mra::report::render_text(report, {}).find("caps the grade") == std::string::npos);
}

TEST_CASE("text: a problem true of different parts lists each subject by its whole name") {
    auto report = healthy_but_md5();
    report.findings.resize(2);
    report.findings[1].result.subject = {"expe1.example.com:8443", "chain[1]"};
    report.findings[0].result.subject = {"expe1.example.com:8443", "leaf"};
    CHECK(mra::report::render_text(report, {})
              .find("FAIL  cert.signature-hash [critical]  expe1.example.com:8443 leaf, expe1.example.com:8443 "
                    "chain[1]\n") != std::string::npos);
}
