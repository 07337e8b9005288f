// sip.tls: the TLS leg to every SIP edge server (5061), judged as edge.https judges 8443.

#include <doctest/doctest.h>

#include "support/check_runner.hpp"
#include "tests/checks/sip/sip_facts.hpp"

namespace {

using mra::Status;
using mra::facts::TransportOutcome;

mra::facts::Facts with_tls(TransportOutcome outcome, std::string error = "", std::string version = "TLS v1.2") {
    auto facts = mra::test::sip_facts({});
    auto& tls = facts.sip[0].tls;
    tls.outcome = outcome;
    tls.error = std::move(error);
    tls.address = "192.0.2.10";
    tls.protocol_version = std::move(version);
    tls.cipher_suite = "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384";
    return facts;
}

}  // namespace

TEST_CASE("sip.tls: an established TLS 1.2 connection passes, naming version and suite") {
    const auto result = mra::test::only_result("sip.tls", with_tls(TransportOutcome::established));
    CHECK(result.subject.name() == "expe1.example.com:5061");
    CHECK(result.status == Status::pass);
    CHECK(result.message == "TLS v1.2 with TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384");
    CHECK(result.evidence["address"] == "192.0.2.10");
    CHECK(result.evidence["protocol"] == "TLS v1.2");
}

TEST_CASE("sip.tls: TLS 1.1 fails, citing RFC 8996") {
    const auto result = mra::test::only_result("sip.tls", with_tls(TransportOutcome::established, "", "TLS v1.1"));
    CHECK(result.status == Status::fail);
    CHECK(result.message.find("TLS v1.1 negotiated") == 0);
    CHECK(result.message.find("RFC 8996") != std::string::npos);
}

TEST_CASE(
    "sip.tls: a refused connection or a failed handshake fails, the outcome in words before the probe's account") {
    const auto refused =
        mra::test::only_result("sip.tls", with_tls(TransportOutcome::refused, "connect 192.0.2.10:5061: refused"));
    CHECK(refused.status == Status::fail);
    CHECK(refused.message == "connection refused: connect 192.0.2.10:5061: refused");
    CHECK_FALSE(refused.evidence.contains("protocol"));

    const auto handshake = mra::test::only_result(
        "sip.tls", with_tls(TransportOutcome::tls_failure, "the TLS handshake failed: alert handshake_failure"));
    CHECK(handshake.status == Status::fail);
    CHECK(handshake.message == "the TLS handshake failed: alert handshake_failure");  // not said twice

    const auto silent = mra::test::only_result("sip.tls", with_tls(TransportOutcome::timeout));
    CHECK(silent.message == "timed out");
}

TEST_CASE("sip.tls: not_run when the server had no address, or only private ones, naming the check to read") {
    const auto unresolved = mra::test::only_result("sip.tls", with_tls(TransportOutcome::not_resolved));
    CHECK(unresolved.status == Status::not_run);
    CHECK(unresolved.message == "no address of expe1.example.com to connect to (see edge.sip-servers)");

    const auto private_only = mra::test::only_result(
        "sip.tls", with_tls(TransportOutcome::not_public, "not connected: 10.0.0.5 is a private address"));
    CHECK(private_only.status == Status::not_run);
    CHECK(private_only.message == "not connected: 10.0.0.5 is a private address (see dns.public-address)");
}

TEST_CASE("sip.tls: not_run without an Expressway-E, nothing offline") {
    auto facts = mra::test::sip_facts({});
    facts.sip.clear();
    const auto result = mra::test::only_result("sip.tls", facts);
    CHECK(result.status == Status::not_run);
    CHECK(result.subject.name() == "_collab-edge._tls.example.com");
    CHECK(result.message == "no Expressway-E discovered: nothing to connect to");

    facts.dns.reset();  // the offline `cert` command
    CHECK(mra::test::run_check("sip.tls", facts).empty());
}
