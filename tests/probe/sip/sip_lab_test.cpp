// The SIP probe against the lab's real Kamailio (tests/lab/lab start_sip). Skipped unless
// MRA_LAB_SIP=1, because it needs the one shared lab up; run it under the lab lock:
//   flock /tmp/mra-lab.lock bash -c 'tests/lab/lab up healthy &&
//     MRA_LAB_SIP=1 build/tests/unit_tests -tc="sip lab*"; tests/lab/lab down'
// MRA_LAB_SIP_SERVICE names the SERVICE status the scenario answers (437 for cert-md5; 200 default).

#include <doctest/doctest.h>

#include <chrono>
#include <cstdlib>
#include <string>
#include <utility>
#include <vector>

#include "probe/sip/sip_probe.hpp"
#include "util/time.hpp"
#include "x509/load.hpp"

namespace sip = mra::probe::sip;
using mra::facts::SipOutcome;
using mra::facts::TransportOutcome;
using namespace std::chrono_literals;

namespace {

bool lab_requested() {
    return std::getenv("MRA_LAB_SIP") != nullptr;
}

std::string lab_file(const std::string& name) {
    const char* dir = std::getenv("MRA_LAB_DIR");
    const auto bytes = mra::x509::read_file(std::string(dir != nullptr ? dir : "/run/mra-lab") + "/" + name);
    return {bytes.begin(), bytes.end()};
}

int expected_service_status() {
    const char* status = std::getenv("MRA_LAB_SIP_SERVICE");
    return status != nullptr ? std::atoi(status) : 200;
}

}  // namespace

TEST_CASE("sip lab: Kamailio answers OPTIONS 200, REGISTER 407 with the peer's realm, SERVICE as configured" *
          doctest::skip(!lab_requested())) {
    const char* dir = std::getenv("MRA_LAB_DIR");
    const auto trust =
        mra::x509::TrustStore::from_file(std::string(dir != nullptr ? dir : "/run/mra-lab") + "/certs/ca-bundle.pem");
    const std::vector<std::pair<std::string, std::string>> peers = {{"expe1", "127.0.10.1"}, {"expe2", "127.0.10.2"}};
    for (const auto& [peer, address] : peers) {
        CAPTURE(peer);
        const sip::SipTarget target{.host = peer + ".example.com",
                                    .port = 5061,
                                    .addresses = {address},
                                    .domain = "example.com",
                                    .user = "test1"};
        const sip::SipProbeOptions options{
            .service = sip::ServiceRequest{.certificate_pem = lab_file("certs/" + peer + ".pem")}};
        const auto endpoint = sip::probe_sip(target, trust, mra::unix_now(), options, mra::Deadline(20s));

        MESSAGE(peer, " TLS: ", endpoint.tls.protocol_version, " ", endpoint.tls.cipher_suite, " ", endpoint.tls.error);
        for (const auto& exchange : endpoint.exchanges) {
            MESSAGE(peer, " ", exchange.method, " -> ", exchange.status, " ", exchange.reason, " [",
                    exchange.challenge_scheme, " realm=", exchange.challenge_realm, "] server=", exchange.server, " ",
                    exchange.elapsed_ms, " ms ", exchange.error);
        }
        CHECK(endpoint.tls.outcome == TransportOutcome::established);
        REQUIRE(endpoint.tls.chain.has_value());
        CHECK(endpoint.tls.chain->trust.trusted);
        REQUIRE(endpoint.exchanges.size() == 3);
        CHECK(endpoint.exchanges[0].outcome == SipOutcome::response);
        CHECK(endpoint.exchanges[0].status == 200);
        CHECK(endpoint.exchanges[1].status == 407);
        CHECK(endpoint.exchanges[1].challenge_scheme == "Digest");
        CHECK(endpoint.exchanges[1].challenge_realm == peer + ".example.com");
        CHECK(endpoint.exchanges[2].status == expected_service_status());
        CHECK(endpoint.exchanges[2].server == "TANDBERG/4352 (X14.0.2)");

        const auto alone = sip::probe_sip_service(target, trust, mra::unix_now(), options, mra::Deadline(20s));
        REQUIRE(alone.exchanges.size() == 1);
        CHECK(alone.exchanges[0].status == expected_service_status());
    }
}
