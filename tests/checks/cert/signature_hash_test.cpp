// cert.signature-hash: no MD2/MD4/MD5 or SHA-1 signature below the root (Cisco tech note 118672, CSCuq95204;
// Calling in Webex App (Unified CM) certificate requirements).

#include <doctest/doctest.h>

#include "checks/cert/cert_facts.hpp"

using namespace mra::test::cert;
using mra::Status;
using mra::test::only_result;

namespace {

// A certificate signed with this hash.
mra::facts::Certificate signed_with(mra::facts::Certificate cert, std::string hash, std::string algorithm) {
    cert.signature_hash = std::move(hash);
    cert.signature_algorithm = std::move(algorithm);
    return cert;
}

}  // namespace

TEST_CASE("cert.signature-hash: SHA-256 throughout passes, and a root's own SHA-1 signature is not judged") {
    const auto result = only_result("cert.signature-hash", offline(healthy_chain()));
    CHECK(result.subject.name() == "chain");
    CHECK(result.status == Status::pass);
    CHECK(result.message == "every certificate below the root is signed with SHA-256");

    const auto sha1_root = signed_with(root(), "SHA-1", "sha1WithRSAEncryption");
    CHECK(only_result("cert.signature-hash", offline(chain_of({leaf(), intermediate(), sha1_root}))).status ==
          Status::pass);
}

TEST_CASE("cert.signature-hash: an MD5-signed intermediate fails, naming it and the algorithm") {
    const auto md5 = signed_with(intermediate(), "MD5", "md5WithRSAEncryption");
    const auto result = only_result("cert.signature-hash", offline(chain_of({leaf(), md5})));
    CHECK(result.status == Status::fail);
    CHECK(result.message == "chain[1] is signed with MD5 (md5WithRSAEncryption)");
}

TEST_CASE("cert.signature-hash: a SHA-1 leaf fails, or warns with the profile's sha1 option") {
    const auto facts = offline(chain_of({signed_with(leaf(), "SHA-1", "sha1WithRSAEncryption"), intermediate()}));
    const auto result = only_result("cert.signature-hash", facts);
    CHECK(result.status == Status::fail);
    CHECK(mentions(result.message, "leaf is signed with SHA-1"));
    CHECK(only_result("cert.signature-hash", facts, {{"sha1", "warn"}}).status == Status::warn);
    CHECK_THROWS_AS(mra::test::run_check("cert.signature-hash", facts, {{"sha1", "pass"}}), std::invalid_argument);

    // MD5 still fails when SHA-1 only warns.
    auto both = facts;
    both.certificates.chains[0].chain->presented[1] = signed_with(intermediate(), "MD5", "md5WithRSAEncryption");
    const auto md5 = only_result("cert.signature-hash", both, {{"sha1", "warn"}});
    CHECK(md5.status == Status::fail);
    CHECK(md5.message == "chain[1] is signed with MD5 (md5WithRSAEncryption)");  // the failure, not the warning
    CHECK(md5.evidence["problems"].size() == 2);
}

TEST_CASE("cert.signature-hash: an algorithm whose hash is not known warns") {
    const auto result =
        only_result("cert.signature-hash", offline(chain_of({signed_with(leaf(), "", "1.2.840.113549.1.1.99")})));
    CHECK(result.status == Status::warn);
    CHECK(mentions(result.message, "an unrecognised algorithm 1.2.840.113549.1.1.99"));
}

TEST_CASE("cert.signature-hash: without a chain it is not_run, saying why") {
    check_not_run_without_chain("cert.signature-hash", "chain");
}
