// cert.key-strength: RSA 2048-4096 bits or EC P-256 and up (Expressway Certificate Guide X14.3,
// Troubleshooting (8192-bit keys); Jabber 12.6 Planning Guide, Security and Certificates).

#include <doctest/doctest.h>

#include "checks/cert/cert_facts.hpp"

using namespace mra::test::cert;
using mra::Status;
using mra::test::only_result;

namespace {

// A certificate with this key.
mra::facts::Certificate with_key(mra::facts::Certificate cert, std::string algorithm, std::size_t bits) {
    cert.key_algorithm = std::move(algorithm);
    cert.key_bits = bits;
    return cert;
}

// The finding on a chain of this leaf key and this issuing CA key.
mra::Result judged(std::string leaf_algorithm, std::size_t leaf_bits, std::size_t ca_bits = 2048) {
    return only_result("cert.key-strength", offline(chain_of({with_key(leaf(), std::move(leaf_algorithm), leaf_bits),
                                                              with_key(intermediate(), "RSA", ca_bits)})));
}

}  // namespace

TEST_CASE("cert.key-strength: 2048-bit RSA passes, listing every key") {
    const auto result = judged("RSA", 2048);
    CHECK(result.subject.name() == "chain");
    CHECK(result.status == Status::pass);
    CHECK(mentions(result.message, "2048–4096-bit RSA"));
    CHECK(result.evidence["keys"]["leaf"] == "2048-bit RSA");
    CHECK(result.evidence["keys"]["chain[1]"] == "2048-bit RSA");
}

TEST_CASE("cert.key-strength: RSA below 2048 bits fails, at the leaf or above it") {
    const auto small_leaf = judged("RSA", 1024);
    CHECK(small_leaf.status == Status::fail);
    CHECK(small_leaf.message == "leaf: 1024-bit RSA key is below 2048 bits");
    CHECK(judged("RSA", 2047).status == Status::fail);

    const auto small_ca = judged("RSA", 2048, 1024);
    CHECK(small_ca.status == Status::fail);
    CHECK(small_ca.message == "chain[1]: 1024-bit RSA key is below 2048 bits");
}

TEST_CASE("cert.key-strength: above 4096 bits warns for the leaf only") {
    CHECK(judged("RSA", 4096).status == Status::pass);
    const auto large = judged("RSA", 8192);
    CHECK(large.status == Status::warn);
    CHECK(large.message == "leaf: 8192-bit RSA key is above 4096 bits: SIP TLS zones may fail");
    CHECK(judged("RSA", 4096, 8192).status == Status::pass);  // a CA's key is not used in the TLS handshake
}

TEST_CASE("cert.key-strength: a failing key is the message, even after a key that only warns") {
    const auto both = judged("RSA", 8192, 1024);
    CHECK(both.status == Status::fail);
    CHECK(both.message == "chain[1]: 1024-bit RSA key is below 2048 bits");
    CHECK(both.evidence["problems"].size() == 2);
}

TEST_CASE("cert.key-strength: EC from P-256 passes, below fails, an unusual algorithm warns") {
    CHECK(judged("ECDSA", 256).status == Status::pass);
    CHECK(judged("ECDSA", 384).status == Status::pass);
    const auto p224 = judged("ECDSA", 224);
    CHECK(p224.status == Status::fail);
    CHECK(mentions(p224.message, "below P-256"));
    const auto unusual = judged("GOST-34.10", 256);
    CHECK(unusual.status == Status::warn);
    CHECK(mentions(unusual.message, "unusual key algorithm GOST-34.10"));
}

TEST_CASE("cert.key-strength: without a chain it is not_run, saying why") {
    check_not_run_without_chain("cert.key-strength", "chain");
}
