// `run` against the lab's real DNS and TLS servers: each discovery/transport scenario's report must
// match its fixtures/lab/<scenario>/expected.json for every check this build has.

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <fstream>

#include "core/profile.hpp"
#include "e2e/lab.hpp"

namespace {

using nlohmann::json;

json run_against(const mra::test::Lab& lab, std::vector<std::string> extra = {}) {
    std::vector<std::string> args{
        "run",         lab["DOMAIN"],    "--resolver", lab["RESOLVER"], "--internal-resolver", lab["INTERNAL_RESOLVER"],
        "--ca-bundle", lab["CA_BUNDLE"], "--format",   "json",          "--timeout",           "20"};
    args.insert(args.end(), extra.begin(), extra.end());
    const auto outcome = mra::test::run_tool(args);
    INFO(outcome.err);
    REQUIRE(outcome.exit_code >= 0);
    REQUIRE(outcome.exit_code <= 3);
    return json::parse(outcome.out);
}

// expected.json: "id": "status" (every finding), or {"subject": "status", "*": "status"}.
void check_against_expected(const json& report, const std::string& expected_path) {
    json expected;
    std::ifstream(expected_path) >> expected;
    const auto profile = mra::load_profile("mra-readiness", mra::catalogue());
    for (const mra::Check* check : profile.checks) {
        const std::string id(check->info.id);
        CAPTURE(id);
        REQUIRE_MESSAGE(expected["checks"].contains(id), "expected.json lacks ", id);
        const json& want = expected["checks"][id];
        bool seen = false;
        for (const auto& finding : report["findings"]) {
            if (finding["id"] != id) continue;
            seen = true;
            const std::string subject = finding["subject"];
            const std::string wanted = want.is_string() ? want.get<std::string>()
                                       : want.contains(subject)
                                           ? want[subject].get<std::string>()
                                           : want.value("*", std::string("(no status for this subject)"));
            CHECK_MESSAGE(finding["status"] == wanted, subject, ": ", finding["message"].get<std::string>());
        }
        CHECK(seen);
    }
}

}  // namespace

TEST_CASE("run against every discovery and transport scenario of the lab") {
    for (const char* scenario : {"healthy", "uds-public", "no-collab-edge", "srv-target-unresolvable",
                                 "srv-target-cname", "cert-missing-domain", "cert-md5", "cert-expired",
                                 "cert-no-clientauth", "chain-incomplete", "peers-mismatch"}) {
        CAPTURE(scenario);
        const mra::test::Lab lab(scenario);
        check_against_expected(run_against(lab), lab["EXPECTED"]);
    }
}

TEST_CASE("a capture replays into the identical report") {
    const mra::test::Lab lab("healthy");
    const std::string capture = "/tmp/mra-e2e-capture.json";
    const auto report = run_against(lab, {"--save-capture", capture});
    const auto replayed = mra::test::run_tool({"replay", capture, "--format", "json"});
    CHECK(replayed.exit_code == 0);
    CHECK(json::parse(replayed.out) == report);
    std::remove(capture.c_str());
}
