// cert.csr: the request asks for every name, usage and key strength the certificate needs (RFC 2986; Expressway
// Certificate Creation and Use Guide X15.5, Managing Expressway Certificates; Cisco TAC 225482).

#include <doctest/doctest.h>

#include "checks/cert/cert_facts.hpp"

using namespace mra::test::cert;
using mra::Status;
using mra::test::only_result;

namespace {

// The `cert` command's facts for a request from expe1.example.com that asks for everything an Expressway-E needs.
mra::facts::Facts good_request() {
    mra::facts::Facts facts;
    facts.target = "expe1.csr";
    mra::facts::CertificateRequest csr;
    csr.subject = dn("expe1.example.com");
    csr.common_name = "expe1.example.com";
    csr.has_san = true;
    csr.san.dns = {"expe1.example.com", "example.com"};
    csr.extended_key_usage = {server_auth, client_auth};
    csr.signature_hash = "SHA-256";
    csr.signature_valid = true;
    csr.key_algorithm = "RSA";
    csr.key_bits = 2048;
    facts.certificates.csr = csr;
    facts.certificates.csr_required = expressway_e();
    return facts;
}

// The finding on the good request changed by `change`.
template <typename Change>
mra::Result judged(Change change) {
    auto facts = good_request();
    change(*facts.certificates.csr, facts.certificates.csr_required);
    return only_result("cert.csr", facts);
}

using Request = mra::facts::CertificateRequest;
using Required = mra::facts::Requirements;

}  // namespace

TEST_CASE("cert.csr: a request with the names, both usages and a 2048-bit RSA key passes") {
    const auto result = only_result("cert.csr", good_request());
    CHECK(result.subject.name() == "csr");
    CHECK(result.status == Status::pass);
    CHECK(judged([](Request& csr, Required&) { csr.key_bits = 4096; }).status == Status::pass);
}

TEST_CASE("cert.csr: a request without the edge domain or a host fails, naming what is missing") {
    const auto no_domain = judged([](Request& csr, Required&) { csr.san.dns = {"expe1.example.com"}; });
    CHECK(no_domain.status == Status::fail);
    CHECK(no_domain.message == "no SAN example.com, collab-edge.example.com or SRVName _collab-edge._tls.example.com");

    const auto no_host = judged([](Request&, Required& required) { required.hosts.push_back("expe2.example.com"); });
    CHECK(no_host.status == Status::fail);
    CHECK(no_host.message == "the names do not cover expe2.example.com");

    // An Expressway-C request needs no edge domain.
    CHECK(judged([](Request& csr, Required& required) {
              csr.san.dns = {"expe1.example.com"};
              required.role = mra::facts::Role::expressway_c;
          }).status == Status::pass);
}

TEST_CASE("cert.csr: a weak key, a weak hash or a bad self-signature fails, an oversized key warns as on a leaf") {
    const auto small = judged([](Request& csr, Required&) { csr.key_bits = 1024; });
    CHECK(small.status == Status::fail);
    CHECK(mentions(small.message, "below 2048 bits"));
    const auto large = judged([](Request& csr, Required&) { csr.key_bits = 8192; });
    CHECK(large.status == Status::warn);  // cert.key-strength's verdict on an 8192-bit leaf
    CHECK(mentions(large.message, "above 4096 bits"));
    const auto large_and_unsigned = judged([](Request& csr, Required&) {
        csr.key_bits = 8192;
        csr.signature_valid = false;
    });
    CHECK(large_and_unsigned.status == Status::fail);
    CHECK(large_and_unsigned.message == "the request's self-signature does not verify");
    CHECK(large_and_unsigned.evidence["problems"].size() == 2);
    const auto sha1 = judged([](Request& csr, Required&) { csr.signature_hash = "SHA-1"; });
    CHECK(sha1.status == Status::fail);
    CHECK(sha1.message == "the request is signed with SHA-1");
    const auto unsigned_request = judged([](Request& csr, Required&) { csr.signature_valid = false; });
    CHECK(unsigned_request.status == Status::fail);
    CHECK(unsigned_request.message == "the request's self-signature does not verify");
}

TEST_CASE("cert.csr: serverAuth only for an Expressway-E of unknown version warns") {
    const auto result = judged([](Request& csr, Required&) { csr.extended_key_usage = {server_auth}; });
    CHECK(result.status == Status::warn);
    CHECK(mentions(result.message, "the Expressway version is unknown"));
}

TEST_CASE("cert.csr: without a request there is nothing to judge, one that did not decode is not_run") {
    auto facts = offline(healthy_chain());
    CHECK(mra::test::run_check("cert.csr", facts).empty());
    facts.certificates.failures.push_back({"csr", "expe1.csr", "no PEM block"});
    const auto result = only_result("cert.csr", facts);
    CHECK(result.status == Status::not_run);
    CHECK(result.message == "the request could not be decoded (see cert.parse)");
}
