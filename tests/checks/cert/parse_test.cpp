// cert.parse: every certificate, key and request given decodes (RFC 5280 §4.1; RFC 7468 (PEM); RFC 2986
// (certificate requests)).

#include <doctest/doctest.h>

#include "checks/cert/cert_facts.hpp"

using namespace mra::test::cert;
using mra::Status;
using mra::test::only_result;

TEST_CASE("cert.parse: a decoded chain passes") {
    const auto result = only_result("cert.parse", offline(healthy_chain()));
    CHECK(result.subject.name() == "inputs");
    CHECK(result.status == Status::pass);
}

TEST_CASE("cert.parse: each input that did not decode fails, with its source") {
    auto facts = offline(healthy_chain());
    facts.certificates.failures.push_back({"key", "expe1.key", "expe1.key: no PEM block and not DER"});
    facts.certificates.failures.push_back({"csr", "expe1.csr", "expe1.csr: truncated"});
    const auto results = mra::test::run_check("cert.parse", facts);
    REQUIRE(results.size() == 2);
    CHECK(results[0].subject.name() == "key");
    CHECK(results[0].status == Status::fail);
    CHECK(results[0].message == "expe1.key: no PEM block and not DER");
    CHECK(results[0].evidence["source"] == "expe1.key");
    CHECK(results[1].subject.name() == "csr");
    CHECK(results[1].status == Status::fail);
}

TEST_CASE("cert.parse: without a chain it is not_run, saying why") {
    check_not_run_without_chain("cert.parse", "chain");
    // A key that decoded beside it still passes as an input.
    auto facts = unavailable();
    facts.certificates.key = mra::facts::PrivateKey{"RSA", 2048, "", "spki"};
    const auto results = mra::test::run_check("cert.parse", facts);
    REQUIRE(results.size() == 2);
    CHECK(results[0].status == Status::not_run);
    CHECK(results[1].subject.name() == "inputs");
    CHECK(results[1].status == Status::pass);
}
