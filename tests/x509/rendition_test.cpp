#include "x509/rendition.hpp"

#include <botan/base64.h>
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "tests/fixture_trust.hpp"
#include "tests/fixtures.hpp"
#include "x509/chain.hpp"
#include "x509/describe.hpp"
#include "x509/load.hpp"

using mra::test::fixture;
namespace x509 = mra::x509;

namespace {

std::vector<Botan::X509_Certificate> load(const std::string& relative) {
    const std::string path = fixture("certs/" + relative);
    return x509::read_certificates(x509::read_file(path), path);
}

// The first certificate of a fixture file as DER, the bytes as issued.
std::vector<std::uint8_t> der_of(const std::string& relative) {
    return x509::encoding_of(load(relative).front());
}

mra::facts::Chain judge(std::vector<Botan::X509_Certificate> presented) {
    return x509::analyse_chain(std::move(presented), mra::test::fixture_root_store(), mra::test::fixture_time);
}

std::vector<Botan::X509_Certificate> leaf_and_chain(const std::string& folder) {
    auto presented = load(folder + "/leaf.pem");
    const auto chain = load(folder + "/chain.pem");
    presented.insert(presented.end(), chain.begin(), chain.end());
    return presented;
}

}  // namespace

TEST_CASE("rendition: a certificate Botan reads as it is has none") {
    const auto leaf = load("healthy/leaf.pem").front();
    CHECK(x509::original_of(leaf) == nullptr);
    CHECK(x509::encoding_of(leaf) == leaf.BER_encode());
}

TEST_CASE("rendition: a BIT STRING x500UniqueIdentifier is read, described and validated as issued") {
    const auto leaf = load("dn-bit-string/leaf.pem").front();
    const auto original = x509::original_of(leaf);
    REQUIRE(original != nullptr);
    CHECK_FALSE(original->rsassa_pss_key);
    CHECK(original->der != leaf.BER_encode());

    const auto described = x509::describe(leaf);
    // The bytes as issued, and the subject in the order and form `openssl x509 -subject` shows.
    CHECK(Botan::base64_decode(described.der_base64) ==
          Botan::secure_vector<std::uint8_t>(original->der.begin(), original->der.end()));
    CHECK(described.subject == "CN=expe.example.com,x500UniqueIdentifier=#030400554944,O=Example Corp,C=US");
    bool found = false;
    for (const auto& attribute : described.subject_attributes) {
        if (attribute.oid == "2.5.4.45") {
            found = true;
            CHECK(attribute.name == "x500UniqueIdentifier");
            CHECK(attribute.value == "#030400554944");
        }
    }
    CHECK(found);

    const auto chain = judge(leaf_and_chain("dn-bit-string"));
    CHECK(chain.path == std::vector<std::size_t>{0, 1});
    CHECK(chain.trust.trusted);
    CHECK(chain.trust.result == "Verified");
    CHECK(chain.trust.anchor == "CN=MRA Preflight Test Root CA,O=mra-preflight fixtures");
}

TEST_CASE("rendition: a tampered signature does not verify, though the rendition decodes") {
    std::vector<std::uint8_t> tampered = der_of("dn-bit-string/leaf.pem");
    tampered.back() ^= 0x01;  // the last byte of the signature BIT STRING
    const auto leaf = x509::decode_certificate(tampered);
    REQUIRE(x509::original_of(leaf) != nullptr);
    auto presented = std::vector<Botan::X509_Certificate>{leaf};
    const auto chain_file = load("dn-bit-string/chain.pem");
    presented.insert(presented.end(), chain_file.begin(), chain_file.end());
    const auto chain = judge(presented);
    CHECK(chain.path == std::vector<std::size_t>{0});  // the issuer's key does not verify it
    CHECK_FALSE(chain.trust.trusted);
    CHECK(chain.trust.result == "certificate signature failure");
}

TEST_CASE("rendition: an RSASSA-PSS key is described as such and matches its PKCS #8 key") {
    const auto leaf = load("rsa-pss-key/leaf.pem").front();
    const auto original = x509::original_of(leaf);
    REQUIRE(original != nullptr);
    CHECK(original->rsassa_pss_key);
    const auto described = x509::describe(leaf);
    CHECK(described.key_algorithm == "RSASSA-PSS");
    CHECK(described.key_bits == 2048);

    const std::string key_path = fixture("certs/rsa-pss-key/key.pem");
    const auto key = x509::read_private_key(x509::read_file(key_path), key_path);
    CHECK(x509::describe(*key).spki_sha256 == described.spki_sha256);

    const auto chain = judge(leaf_and_chain("rsa-pss-key"));
    CHECK(chain.trust.trusted);
}

TEST_CASE("rendition: what is broken otherwise still throws") {
    std::vector<std::uint8_t> cut = der_of("dn-bit-string/leaf.pem");
    cut.resize(cut.size() / 2);
    CHECK_THROWS(x509::decode_certificate(cut));
    CHECK_THROWS(x509::decode_certificate({0x30, 0x03, 0x02, 0x01, 0x01}));
}
