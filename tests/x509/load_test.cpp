#include "x509/load.hpp"

#include <botan/auto_rng.h>
#include <botan/pem.h>
#include <botan/pkcs8.h>
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "tests/fixtures.hpp"
#include "x509/chain.hpp"
#include "x509/describe.hpp"

using mra::InputError;
using mra::test::fixture;
namespace x509 = mra::x509;

namespace {

std::vector<std::uint8_t> bytes_of(const std::string& text) {
    return {text.begin(), text.end()};
}

// The InputError message of `action`, or a test failure when it does not throw one.
template <typename Action>
std::string input_error(Action action) {
    try {
        action();
    } catch (const InputError& e) {
        return e.what();
    } catch (const std::exception& e) {
        FAIL("not an InputError: " << e.what());
    }
    FAIL("no exception");
    return {};
}

std::string certificate_error(const std::string& relative) {
    const std::string path = fixture(relative);
    return input_error([&] { x509::read_certificates(x509::read_file(path), path); });
}

void check_one_line(const std::string& message) {
    CHECK(message.find('\n') == std::string::npos);
}

}  // namespace

TEST_CASE("read_file: missing, directory and empty files are named in the message") {
    CHECK(input_error([] { x509::read_file("/nonexistent/leaf.pem"); }) ==
          "cannot read /nonexistent/leaf.pem: No such file or directory");
    CHECK(input_error([] { x509::read_file("/tmp"); }) == "cannot read /tmp: Is a directory");
    const std::string empty = fixture("certs/bad/empty.pem");
    CHECK(input_error([&] { x509::read_file(empty); }) == empty + " is empty");
}

TEST_CASE("read_certificates: PEM with the openssl -text dump on top, and a bundle") {
    const std::string leaf = fixture("certs/healthy/leaf.pem");
    const auto certs = x509::read_certificates(x509::read_file(leaf), leaf);
    REQUIRE(certs.size() == 1);
    CHECK(x509::describe(certs[0]).common_name == "expe.example.com");

    const std::string full = fixture("certs/healthy/fullchain.pem");
    const auto bundle = x509::read_certificates(x509::read_file(full), full);
    REQUIRE(bundle.size() == 2);
    CHECK(x509::describe(bundle[1]).common_name == "MRA Preflight Test Issuing CA");
}

TEST_CASE("read_certificates: one DER certificate, and DER followed by other bytes") {
    const std::string leaf = fixture("certs/healthy/leaf.pem");
    const std::vector<std::uint8_t> der = x509::read_certificates(x509::read_file(leaf), leaf)[0].BER_encode();
    const auto certs = x509::read_certificates(der, "leaf.der");
    REQUIRE(certs.size() == 1);
    CHECK(certs[0].BER_encode() == der);

    const std::string trailing = fixture("certs/bad/trailing.der");
    const std::string message = certificate_error("certs/bad/trailing.der");
    CHECK(message == trailing + ": 7 trailing bytes after the DER certificate");
}

TEST_CASE("read_certificates: each unusable input has its own one-line message naming the source") {
    const std::string base = fixture("certs/bad/");

    const std::string empty = input_error([] { x509::read_certificates({}, "stdin"); });
    CHECK(empty == "stdin is empty");
    CHECK(input_error([] { x509::read_certificates(bytes_of(" \n\r\n"), "blank.pem"); }) == "blank.pem is empty");

    const std::string truncated = certificate_error("certs/bad/truncated.pem");
    CHECK(truncated == base + "truncated.pem: truncated PEM block 1 (BEGIN CERTIFICATE without END CERTIFICATE)");

    const std::string png = certificate_error("certs/bad/image.png");
    CHECK(png == base + "image.png looks like a PNG image, not a certificate");

    const std::vector<std::pair<std::vector<std::uint8_t>, std::string>> magics{
        {{0xff, 0xd8, 0xff, 0xe0, 0, 0x10}, "a JPEG image"},
        {{0x1f, 0x8b, 0x08, 0}, "a gzip archive"},
        {{'P', 'K', 3, 4, 20, 0}, "a zip archive"},
    };
    for (const auto& magic : magics) {
        const auto& bytes = magic.first;
        const auto& what = magic.second;
        CHECK(input_error([&] { x509::read_certificates(bytes, "upload"); }) ==
              "upload looks like " + what + ", not a certificate");
    }
    CHECK(input_error([&] { x509::read_private_key(magics[2].first, "key.zip"); }) ==
          "key.zip looks like a zip archive, not a private key");

    const std::string garbage = certificate_error("certs/bad/garbage.pem");
    CHECK(garbage.starts_with(base + "garbage.pem: PEM block 1 (CERTIFICATE) is not a valid certificate"));

    const std::string bad_base64 = input_error([] {
        x509::read_certificates(bytes_of("-----BEGIN CERTIFICATE-----\nMII*not base64*\n-----END CERTIFICATE-----\n"),
                                "paste.pem");
    });
    CHECK(bad_base64 == "paste.pem: PEM block 1 (CERTIFICATE) is not valid base64");

    const std::string text = input_error([] { x509::read_certificates(bytes_of("hello, world\n"), "notes.txt"); });
    CHECK(text == "notes.txt is neither PEM (no -----BEGIN line) nor DER");

    for (const auto& message : {empty, truncated, png, garbage, bad_base64, text}) {
        check_one_line(message);
    }
}

TEST_CASE("read_certificates: a private key or a CSR where a certificate is expected") {
    const std::string key = fixture("certs/healthy/key.pem");
    CHECK(certificate_error("certs/healthy/key.pem") == key + " holds a PRIVATE KEY, not a certificate");
    const std::string csr = fixture("certs/healthy/csr.pem");
    CHECK(certificate_error("certs/healthy/csr.pem") == csr + " holds a CERTIFICATE REQUEST, not a certificate");

    // The same in DER: the kind is recognised from the structure.
    const auto der_key = Botan::PKCS8::BER_encode(*x509::read_private_key(x509::read_file(key), key));
    CHECK(input_error([&] {
              x509::read_certificates({der_key.begin(), der_key.end()}, "key.der");
          }) == "key.der holds a PRIVATE KEY, not a certificate");
}

TEST_CASE("read_private_key: PKCS#8 PEM and DER, traditional RSA, and the wrong kinds") {
    const std::string path = fixture("certs/healthy/key.pem");
    const auto key = x509::read_private_key(x509::read_file(path), path);
    REQUIRE(key);
    CHECK(key->algo_name() == "RSA");
    const std::string spki = x509::describe(*key).spki_sha256;

    const auto der = Botan::PKCS8::BER_encode(*key);
    CHECK(x509::describe(*x509::read_private_key({der.begin(), der.end()}, "key.der")).spki_sha256 == spki);

    // "-----BEGIN RSA PRIVATE KEY-----" (PKCS #1), as older OpenSSL and many CAs' tools write it.
    const std::string traditional = Botan::PEM_Code::encode(key->private_key_bits(), "RSA PRIVATE KEY");
    CHECK(x509::describe(*x509::read_private_key(bytes_of(traditional), "rsa.pem")).spki_sha256 == spki);

    const std::string cert = fixture("certs/bad/not-a-key.pem");
    CHECK(input_error([&] { x509::read_private_key(x509::read_file(cert), cert); }) ==
          cert + " holds a CERTIFICATE, not a private key");
    CHECK(input_error([] { x509::read_private_key({}, "key.pem"); }) == "key.pem is empty");
}

TEST_CASE("read_private_key: an encrypted key is refused with a clear message") {
    const std::string path = fixture("certs/healthy/key.pem");
    const auto key = x509::read_private_key(x509::read_file(path), path);
    Botan::AutoSeeded_RNG rng;
    const std::string expected =
        " holds an encrypted private key; give it unencrypted (openssl pkey -in KEY -out plain.pem)";

    const std::string pem = Botan::PKCS8::PEM_encode(*key, rng, "secret", std::chrono::milliseconds(10));
    CHECK(input_error([&] { x509::read_private_key(bytes_of(pem), "enc.pem"); }) == "enc.pem" + expected);

    const auto der = Botan::PKCS8::BER_encode(*key, rng, "secret", std::chrono::milliseconds(10));
    CHECK(input_error([&] { x509::read_private_key(der, "enc.der"); }) == "enc.der" + expected);

    // RFC 1421 headers of a traditional encrypted key.
    const std::string legacy =
        "-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\n"
        "DEK-Info: AES-128-CBC,00112233445566778899AABBCCDDEEFF\n\nAAAA\n"
        "-----END RSA PRIVATE KEY-----\n";
    CHECK(input_error([&] { x509::read_private_key(bytes_of(legacy), "legacy.pem"); }) == "legacy.pem" + expected);
}

TEST_CASE("read_request: PEM and DER, and a certificate where a request is expected") {
    const std::string path = fixture("certs/healthy/csr.pem");
    const auto request = x509::read_request(x509::read_file(path), path);
    CHECK(x509::describe(request).common_name == "expe.example.com");
    CHECK(x509::describe(x509::read_request(request.BER_encode(), "csr.der")).common_name == "expe.example.com");

    const std::string leaf = fixture("certs/healthy/leaf.pem");
    CHECK(input_error([&] { x509::read_request(x509::read_file(leaf), leaf); }) ==
          leaf + " holds a CERTIFICATE, not a certificate request");
}

TEST_CASE("no Botan exception escapes: every corruption of a certificate is an InputError or a certificate") {
    const std::string leaf = fixture("certs/healthy/leaf.pem");
    const std::vector<std::uint8_t> der = x509::read_certificates(x509::read_file(leaf), leaf)[0].BER_encode();
    const auto trust = x509::TrustStore::from_file(fixture("certs/ca/root.pem"));

    std::size_t decoded = 0;
    std::size_t rejected = 0;
    const auto attempt = [&](const std::vector<std::uint8_t>& bytes) {
        try {
            const auto certs = x509::read_certificates(bytes, "mutant.der");
            ++decoded;
            // What decodes must also describe and validate without throwing (describe.hpp).
            CHECK_NOTHROW(x509::analyse_chain(certs, trust, 1799971200));
        } catch (const InputError& e) {
            ++rejected;
            check_one_line(e.what());
        } catch (const std::exception& e) {
            FAIL("escaped: " << e.what());
        }
    };
    for (std::size_t i = 0; i < der.size(); i += 3) {
        auto mutant = der;
        mutant[i] ^= 0x5a;
        attempt(mutant);
        attempt(std::vector<std::uint8_t>(der.begin(), der.begin() + static_cast<std::ptrdiff_t>(i)));
    }
    CHECK(rejected > 0);
    CHECK(decoded > 0);  // flips inside the signature or a string still decode
}
