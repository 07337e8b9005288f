// cert.chain-complete: every intermediate is presented (Cisco, Troubleshoot Expressway Certificates (221624);
// RFC 8446 §4.4.2; Expressway Certificate Creation and Use Deployment Guide).

#include <doctest/doctest.h>

#include "checks/cert/cert_facts.hpp"

using namespace mra::test::cert;
using mra::Status;
using mra::test::only_result;

TEST_CASE("cert.chain-complete: the issuing CA presented, its root in the trust store, passes") {
    const auto result = only_result("cert.chain-complete", offline(healthy_chain()));
    CHECK(result.subject.name() == "chain");
    CHECK(result.status == Status::pass);
    CHECK(mentions(result.message, "a certificate of the trust store"));
}

TEST_CASE("cert.chain-complete: a chain presented up to its self-signed root passes") {
    const auto result = only_result("cert.chain-complete", offline(chain_of({leaf(), intermediate(), root()})));
    CHECK(result.status == Status::pass);
    CHECK(mentions(result.message, "self-signed CN=Example Root CA"));
}

TEST_CASE("cert.chain-complete: an intermediate only the trust store holds warns, as phones do not fetch it") {
    // The leaf alone, validated through the issuing CA of --ca-bundle up to the root.
    auto chain = leaf_chain(leaf());
    chain.trust.anchor = dn("Example Root CA");
    const auto result = only_result("cert.chain-complete", offline(chain));
    CHECK(result.status == Status::warn);
    CHECK(mentions(result.message, "the intermediate CN=Example Issuing CA,O=Example Corp,C=US was not presented"));
    CHECK(mentions(result.message, "do not fetch a missing intermediate"));
    CHECK(result.evidence["anchor"] == dn("Example Root CA"));
}

TEST_CASE("cert.chain-complete: an issuer neither presented nor in the trust store fails") {
    auto chain = leaf_chain(leaf());
    chain.top_issuer_in_store = false;
    chain.trust = {false, "Certificate issuer not found", "", "ca.pem", 0};
    const auto result = only_result("cert.chain-complete", offline(chain));
    CHECK(result.status == Status::fail);
    CHECK(mentions(result.message, "(CN=Example Issuing CA,O=Example Corp,C=US) was not presented"));
    CHECK(mentions(result.message, "an intermediate is missing"));
}

TEST_CASE("cert.chain-complete: without a chain it is not_run, saying why") {
    check_not_run_without_chain("cert.chain-complete", "chain");
}
