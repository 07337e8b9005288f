// cert.key-match: the private key belongs to the certificate and the request (RFC 5280 §4.1.2.7; Expressway
// Certificate Guide X14.3, Troubleshooting).

#include <doctest/doctest.h>

#include "checks/cert/cert_facts.hpp"

using namespace mra::test::cert;
using mra::Status;

namespace {

// The `cert` command's facts for the healthy chain with a key whose public half has this digest.
mra::facts::Facts with_key(const std::string& spki_sha256, mra::facts::Facts facts = offline(healthy_chain())) {
    facts.certificates.key = mra::facts::PrivateKey{"RSA", 2048, "", spki_sha256};
    return facts;
}

// A request for the same names whose public key has this digest.
mra::facts::CertificateRequest request_with_key(const std::string& spki_sha256) {
    mra::facts::CertificateRequest csr;
    csr.spki_sha256 = spki_sha256;
    return csr;
}

}  // namespace

TEST_CASE("cert.key-match: the key of the certificate and of the request passes") {
    auto facts = with_key(leaf().spki_sha256);
    facts.certificates.csr = request_with_key(leaf().spki_sha256);
    const auto results = mra::test::run_check("cert.key-match", facts);
    REQUIRE(results.size() == 2);
    CHECK(results[0].subject.name() == "leaf");
    CHECK(results[0].status == Status::pass);
    CHECK(results[0].message == "the key belongs to the certificate");
    CHECK(results[1].subject.name() == "csr");
    CHECK(results[1].status == Status::pass);
}

TEST_CASE("cert.key-match: another key fails, for the certificate and for the request") {
    auto facts = with_key("spki of another key");
    facts.certificates.csr = request_with_key(leaf().spki_sha256);
    const auto results = mra::test::run_check("cert.key-match", facts);
    REQUIRE(results.size() == 2);
    CHECK(results[0].status == Status::fail);
    CHECK(results[0].message == "the key does not match the certificate's public key");
    CHECK(results[0].evidence["key_spki_sha256"] == "spki of another key");
    CHECK(results[1].status == Status::fail);
    CHECK(results[1].message == "the key does not match the request's public key");
}

TEST_CASE("cert.key-match: without a key there is nothing to match") {
    CHECK(mra::test::run_check("cert.key-match", offline(healthy_chain())).empty());
}

TEST_CASE("cert.key-match: not_run when the key did not decode or the certificate was not obtained") {
    auto undecoded = offline(healthy_chain());
    undecoded.certificates.failures.push_back({"key", "expe1.key", "no PEM block"});
    const auto key = mra::test::only_result("cert.key-match", undecoded);
    CHECK(key.subject.name() == "key");
    CHECK(key.status == Status::not_run);
    CHECK(key.message == "the key could not be decoded (see cert.parse)");

    const auto no_chain = mra::test::only_result("cert.key-match", with_key(leaf().spki_sha256, unavailable()));
    CHECK(no_chain.subject.name() == "leaf");
    CHECK(no_chain.status == Status::not_run);
    CHECK(no_chain.message == "no certificate to compare the key with");
}
