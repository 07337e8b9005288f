// `run` against the lab's real DNS and TLS servers: each discovery/transport scenario's report must
// match its fixtures/lab/<scenario>/expected.json for every check of the mra-readiness profile.

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <cstdio>
#include <fstream>
#include <set>

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

// expected.json (tests/lab/README.md): "id": "status" applies to every finding of the check; an
// object maps subject keys to statuses — a finding takes the status of the first key its subject
// contains, else "*" — and each key whose status is not not_run must match some finding.
void check_against_expected(const json& report, const std::string& expected_path) {
    nlohmann::ordered_json expected;
    std::ifstream(expected_path) >> expected;
    const auto profile = mra::load_profile("mra-readiness", mra::catalogue());
    for (const mra::Check* check : profile.checks) {
        const std::string id(check->info.id);
        CAPTURE(id);
        REQUIRE_MESSAGE(expected["checks"].contains(id), "expected.json lacks ", id);
        const auto& want = expected["checks"][id];
        const nlohmann::ordered_json rules = want.is_string() ? nlohmann::ordered_json{{"*", want}} : want;
        std::set<std::string> keys_matched;
        bool seen = false;
        for (const auto& finding : report["findings"]) {
            if (finding["id"] != id) continue;
            seen = true;
            const std::string subject = finding["subject"];
            std::string wanted = rules.value("*", std::string("(no status for this subject)"));
            for (const auto& [key, status] : rules.items())
                if (key != "*" && subject.find(key) != std::string::npos) {
                    wanted = status.get<std::string>();
                    keys_matched.insert(key);
                    break;
                }
            CHECK_MESSAGE(finding["status"] == wanted, subject, ": ", finding["message"].get<std::string>());
        }
        CHECK(seen);
        for (const auto& [key, status] : rules.items())
            if (key != "*" && status != "not_run")
                CHECK_MESSAGE(keys_matched.count(key) == 1, "no finding about ", key);
    }
}

}  // namespace

TEST_CASE("run against every discovery and transport scenario of the lab") {
    for (const char* scenario : {"healthy", "uds-public", "no-collab-edge", "srv-target-unresolvable",
                                 "srv-target-cname", "cert-missing-domain", "cert-md5", "cert-expired",
                                 "cert-no-clientauth", "chain-incomplete", "peers-mismatch"}) {
        const std::string name = scenario;
        CAPTURE(name);
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
