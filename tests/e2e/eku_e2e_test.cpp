// cert.eku against the lab: serverAuth-only certificates (public CAs stopped issuing clientAuth in
// 2026, Cisco Field Notice FN74362) judged by the version the Expressway-E's SIP answers name in
// their Server header — the lab's Kamailio says X14.3 or X15.4 as the scenario's EXPRESSWAY_VERSION.

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <algorithm>

#include "e2e/lab.hpp"
#include "support/expected.hpp"

namespace {

std::vector<nlohmann::json> eku_findings(const nlohmann::json& report) {
    std::vector<nlohmann::json> found;
    for (const auto& finding : report["findings"])
        if (finding["id"] == "cert.eku") found.push_back(finding);
    return found;
}

}  // namespace

TEST_CASE(
    "scenario verdicts: cert.eku: serverAuth-only certificates fail on X14.3 and pass on X15.4, the version read from "
    "SIP") {
    {
        const mra::test::Lab lab("eku-server-only-x14");
        const auto report = lab.run();
        mra::test::check_against_expected(report, lab["EXPECTED"]);
        const auto findings = eku_findings(report);
        REQUIRE(findings.size() >= 2);
        for (const auto& finding : findings) {
            const std::string message = finding["message"];
            CAPTURE(message);
            CHECK(finding["status"] == "fail");
            CHECK(message.find("lacks clientAuth") != std::string::npos);
            CHECK(message.find("before X15.4") != std::string::npos);
            CHECK(message.find("SIP SERVICE") != std::string::npos);
            CHECK(message.find("X14.3.0 from the SIP Server/User-Agent header \"TANDBERG/4352 (X14.3)\"") !=
                  std::string::npos);
        }
        // The flag wins over what the edge says.
        for (const auto& finding : eku_findings(lab.run({"--expressway-version", "X15.4"}))) {
            CHECK(finding["status"] == "pass");
            CHECK(finding["evidence"]["version_source"] == "--expressway-version");
        }
    }
    {
        const mra::test::Lab lab("eku-server-only-x15");
        const auto report = lab.run();
        mra::test::check_against_expected(report, lab["EXPECTED"]);
        for (const auto& finding : eku_findings(report)) {
            const std::string message = finding["message"];
            CAPTURE(message);
            CHECK(finding["status"] == "pass");
            CHECK(message.find("accepted for MRA from X15.4") != std::string::npos);
            CHECK(message.find("EnableServerEkuUpload: On") != std::string::npos);
            CHECK(finding["evidence"]["expressway_version"] == "X15.4.0");
        }
    }
}

TEST_CASE(
    "scenario verdicts: per-peer certificates (own FQDN + cluster FQDN + edge domains) pass as a whole deployment") {
    const mra::test::Lab lab("per-peer-certs");
    mra::test::check_against_expected(lab.run(), lab["EXPECTED"]);
}

TEST_CASE("--expressway-version that is not a version is refused in one line, exit 3") {
    const auto outcome = mra::test::run_tool({"cert", "leaf.pem", "--expressway-version", "latest"});
    CHECK(outcome.exit_code == 3);
    CHECK(outcome.err.find("--expressway-version: 'latest' is not an Expressway version") != std::string::npos);
    CHECK(std::count(outcome.err.begin(), outcome.err.end(), '\n') == 1);
}
