// `run` against the lab's real servers (nsd, nginx, Kamailio, Prosody, coturn): each discovery,
// transport and certificate scenario's report must match its fixtures/lab/<scenario>/expected.json
// for every check of the mra-readiness profile — SIP, XMPP and TURN included.

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <cstdio>

#include "e2e/lab.hpp"
#include "support/expected.hpp"

TEST_CASE("scenario verdicts: run against every discovery and transport scenario of the lab") {
    for (const char* scenario :
         {"healthy", "uds-public", "no-collab-edge", "srv-target-unresolvable", "srv-cname", "cert-missing-domain",
          "cert-md5", "cert-expired", "cert-no-clientauth", "chain-incomplete", "peers-mismatch", "sip-closed"}) {
        const std::string name = scenario;
        CAPTURE(name);
        const mra::test::Lab lab(scenario);
        mra::test::check_against_expected(lab.run(), lab["EXPECTED"]);
    }
}

TEST_CASE("a capture replays into the identical report") {
    const mra::test::Lab lab("healthy");
    const std::string capture = "/tmp/mra-e2e-capture.json";
    const auto report = lab.run({"--save-capture", capture});
    const auto replayed = mra::test::run_tool({"replay", capture, "--format", "json"});
    CHECK(replayed.exit_code == 0);
    CHECK(nlohmann::json::parse(replayed.out) == report);
    std::remove(capture.c_str());
}
