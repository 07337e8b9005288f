// `run` against the lab's real DNS and TLS servers: each discovery/transport scenario's report must
// match its fixtures/lab/<scenario>/expected.json for every check of the mra-readiness profile.

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <cstdio>

#include "e2e/lab.hpp"
#include "support/expected.hpp"

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

}  // namespace

TEST_CASE("run against every discovery and transport scenario of the lab") {
    for (const char* scenario : {"healthy", "uds-public", "no-collab-edge", "srv-target-unresolvable",
                                 "srv-target-cname", "cert-missing-domain", "cert-md5", "cert-expired",
                                 "cert-no-clientauth", "chain-incomplete", "peers-mismatch"}) {
        const std::string name = scenario;
        CAPTURE(name);
        const mra::test::Lab lab(scenario);
        mra::test::check_against_expected(run_against(lab), lab["EXPECTED"]);
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
