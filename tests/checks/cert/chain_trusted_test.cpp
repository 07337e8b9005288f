// cert.chain-trusted: a valid path to a trust anchor (RFC 5280 §6; Cisco MRA Deployment Guide X15.0,
// MRA Requirements).

#include <doctest/doctest.h>

#include "checks/cert/cert_facts.hpp"

using namespace mra::test::cert;
using mra::Status;
using mra::test::only_result;

TEST_CASE("cert.chain-trusted: a chain the validator verified passes, naming the anchor") {
    const auto result = only_result("cert.chain-trusted", offline(healthy_chain()));
    CHECK(result.subject.name() == "chain");
    CHECK(result.status == Status::pass);
    CHECK(result.message == "valid path to the trust anchor CN=Example Root CA,O=Example Corp,C=US");
    CHECK(result.evidence["store"] == "ca.pem");
}

TEST_CASE("cert.chain-trusted: a chain the validator refused fails, with the store and its words") {
    auto chain = healthy_chain();
    chain.trust = {false, "Certificate has expired", "", "system", 0};
    const auto result = only_result("cert.chain-trusted", offline(chain));
    CHECK(result.status == Status::fail);
    CHECK(result.message == "no valid path to a trust anchor of system: Certificate has expired");
    CHECK(result.evidence["validator"] == "Certificate has expired");
}

TEST_CASE("cert.chain-trusted: without a chain it is not_run, saying why") {
    check_not_run_without_chain("cert.chain-trusted", "chain");
}
