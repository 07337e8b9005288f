#include "x509/describe.hpp"

#include <botan/auto_rng.h>
#include <botan/base64.h>
#include <botan/datastor.h>
#include <botan/der_enc.h>
#include <botan/x509self.h>
#include <doctest/doctest.h>

#include <chrono>
#include <string>
#include <vector>

#include "tests/fixtures.hpp"
#include "x509/load.hpp"
#include "x509/subject_alt_name.hpp"

using mra::test::fixture;
namespace facts = mra::facts;
namespace x509 = mra::x509;

namespace {

facts::Certificate leaf(const std::string& scenario) {
    const std::string path = fixture("certs/" + scenario + "/leaf.pem");
    return x509::describe(x509::read_certificates(x509::read_file(path), path).at(0));
}

facts::PrivateKey key(const std::string& scenario) {
    const std::string path = fixture("certs/" + scenario + "/key.pem");
    return x509::describe(*x509::read_private_key(x509::read_file(path), path));
}

facts::CertificateRequest request(const std::string& scenario) {
    const std::string path = fixture("certs/" + scenario + "/csr.pem");
    return x509::describe(x509::read_request(x509::read_file(path), path));
}

std::int64_t unix_time(std::chrono::year_month_day day) {
    return std::chrono::sys_days(day).time_since_epoch() / std::chrono::seconds(1);
}

using Strings = std::vector<std::string>;

// An extension with a value given as DER, to put what OpenSSL fixtures do not have into a certificate.
class RawExtension final : public Botan::Certificate_Extension {
public:
    RawExtension(const char* oid, std::vector<std::uint8_t> value)
        : m_oid(Botan::OID::from_string(oid)), m_value(std::move(value)) {}
    Botan::OID oid_of() const override { return m_oid; }
    std::string oid_name() const override { return m_oid.to_string(); }
    Botan::Certificate_Extension* copy() const override { return new RawExtension(*this); }
    void contents_to(Botan::Data_Store&, Botan::Data_Store&) const override {}

private:
    std::vector<std::uint8_t> encode_inner() const override { return m_value; }
    void decode_inner(const std::vector<std::uint8_t>& value) override { m_value = value; }
    Botan::OID m_oid;
    std::vector<std::uint8_t> m_value;
};

std::vector<std::uint8_t> bytes_of(const std::string& text) {
    return {text.begin(), text.end()};
}

}  // namespace

TEST_CASE("describe: the healthy Expressway-E leaf, every field") {
    using namespace std::chrono;
    const facts::Certificate cert = leaf("healthy");

    CHECK(cert.subject == "CN=expe.example.com,O=Example Corp,C=US");
    CHECK(cert.issuer == "CN=MRA Preflight Test Issuing CA,O=mra-preflight fixtures");
    REQUIRE(cert.subject_attributes.size() == 3);
    CHECK(cert.subject_attributes[0].oid == "2.5.4.6");
    CHECK(cert.subject_attributes[0].name == "C");
    CHECK(cert.subject_attributes[0].value == "US");
    CHECK(cert.subject_attributes[2].name == "CN");
    CHECK(cert.issuer_attributes.size() == 2);
    CHECK(cert.common_name == "expe.example.com");

    CHECK(cert.not_before == unix_time(2026y / November / 1));
    CHECK(cert.not_after == unix_time(2027y / December / 1));

    CHECK(cert.signature_algorithm == "sha256WithRSAEncryption");
    CHECK(cert.signature_hash == "SHA-256");
    CHECK(cert.key_algorithm == "RSA");
    CHECK(cert.key_bits == 2048);
    CHECK(cert.key_curve.empty());

    CHECK(cert.has_san);
    CHECK(cert.san.dns == Strings{"expe.example.com", "expe1.example.com", "expe2.example.com", "example.com",
                                  "collab-edge.example.com"});
    REQUIRE(cert.san.other_names.size() == 1);
    CHECK(cert.san.other_names[0].type_oid == x509::srvname_oid);
    CHECK(cert.san.other_names[0].encoding == "IA5String");
    CHECK(cert.san.other_names[0].value == "_collab-edge._tls.example.com");
    CHECK(cert.san.ip.empty());

    CHECK(cert.extended_key_usage == Strings{"1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2"});
    CHECK(cert.key_usage == Strings{"digitalSignature", "keyEncipherment"});
    CHECK_FALSE(cert.is_ca);
    CHECK_FALSE(cert.path_length.has_value());
    CHECK_FALSE(cert.self_issued);
    CHECK_FALSE(cert.self_signed);

    CHECK(cert.crl_urls == Strings{"http://pki.example.com/issuing.crl"});
    CHECK(cert.ocsp_urls == Strings{"http://ocsp.example.com"});
    CHECK(cert.ca_issuer_urls == Strings{"http://pki.example.com/issuing.crt"});

    // Fingerprints are of the DER: hex SHA-256, and the DER itself travels in base64.
    CHECK(cert.sha256.size() == 64);
    CHECK(cert.spki_sha256.size() == 64);
    CHECK(cert.sha256 != cert.spki_sha256);
    CHECK_FALSE(cert.serial.empty());
    const auto der = Botan::base64_decode(cert.der_base64);
    CHECK(x509::describe(x509::read_certificates({der.begin(), der.end()}, "capture")[0]).sha256 == cert.sha256);
}

TEST_CASE("describe: CA certificates carry basic constraints and self-signature facts") {
    const std::string root_path = fixture("certs/ca/root.pem");
    const auto root = x509::describe(x509::read_certificates(x509::read_file(root_path), root_path)[0]);
    CHECK(root.is_ca);
    CHECK_FALSE(root.path_length.has_value());
    CHECK(root.self_issued);
    CHECK(root.self_signed);
    CHECK(root.key_bits == 4096);
    CHECK(root.key_usage == Strings{"keyCertSign", "cRLSign"});

    const std::string intermediate_path = fixture("certs/ca/intermediate.pem");
    const auto intermediate =
        x509::describe(x509::read_certificates(x509::read_file(intermediate_path), intermediate_path)[0]);
    CHECK(intermediate.is_ca);
    CHECK(intermediate.path_length == std::optional<std::size_t>(0));
    CHECK_FALSE(intermediate.self_issued);

    const auto self_signed = leaf("self-signed");
    CHECK(self_signed.self_issued);
    CHECK(self_signed.self_signed);
    CHECK_FALSE(self_signed.is_ca);
}

TEST_CASE("describe: signature hash is classified from the algorithm OID") {
    const auto md5 = leaf("md5");
    CHECK(md5.signature_algorithm == "md5WithRSAEncryption");
    CHECK(md5.signature_hash == "MD5");

    const auto sha1 = leaf("sha1");
    CHECK(sha1.signature_algorithm == "sha1WithRSAEncryption");
    CHECK(sha1.signature_hash == "SHA-1");
}

TEST_CASE("describe: ECDSA and RSASSA-PSS signatures (certificates made here by Botan)") {
    Botan::AutoSeeded_RNG rng;
    Botan::X509_Cert_Options options;
    options.common_name = "signed.example.com";

    const std::string ec_path = fixture("certs/ec-p256/key.pem");
    const auto ec_key = x509::read_private_key(x509::read_file(ec_path), ec_path);
    const auto ecdsa = x509::describe(Botan::X509::create_self_signed_cert(options, *ec_key, "SHA-384", rng));
    CHECK(ecdsa.signature_algorithm == "ecdsa-with-SHA384");
    CHECK(ecdsa.signature_hash == "SHA-384");
    CHECK(ecdsa.self_signed);

    // RFC 4055 §3.1: the hash of an RSASSA-PSS signature is in its parameters.
    const std::string rsa_path = fixture("certs/healthy/key.pem");
    const auto rsa_key = x509::read_private_key(x509::read_file(rsa_path), rsa_path);
    options.set_padding_scheme("EMSA4(SHA-512)");
    const auto pss = x509::describe(Botan::X509::create_self_signed_cert(options, *rsa_key, "SHA-512", rng));
    CHECK(pss.signature_algorithm == "RSASSA-PSS");
    CHECK(pss.signature_hash == "SHA-512");
}

TEST_CASE("describe: key algorithm, size and curve") {
    const auto p256 = leaf("ec-p256");
    CHECK(p256.key_algorithm == "ECDSA");
    CHECK(p256.key_bits == 256);
    CHECK(p256.key_curve == "secp256r1");

    const auto p192 = leaf("ec-p192");
    CHECK(p192.key_bits == 192);
    CHECK(p192.key_curve == "secp192r1");

    CHECK(leaf("rsa-8192").key_bits == 8192);
    CHECK(leaf("rsa-1024").key_bits == 1024);
}

TEST_CASE("describe: an attribute OpenSSL cannot name keeps its OID and gets no name") {
    const auto cert = leaf("unknown-subject-oid");
    bool found = false;
    for (const auto& attribute : cert.subject_attributes) {
        if (attribute.oid == "1.3.6.1.4.1.6449.1.2.1.5.1") {
            found = true;
            CHECK(attribute.name.empty());
            CHECK(attribute.value == "x");
        } else {
            CHECK_FALSE(attribute.name.empty());
        }
    }
    CHECK(found);
    CHECK(cert.subject.find("1.3.6.1.4.1.6449.1.2.1.5.1=x") != std::string::npos);
}

TEST_CASE("describe: EV subject attributes get OpenSSL's names") {
    const auto cert = leaf("ev-subject");
    CHECK(cert.subject ==
          "CN=expe.example.com,O=Example Corp,C=US,serialNumber=1234567,businessCategory=Private "
          "Organization,jurisdictionC=US");
    for (const auto& attribute : cert.subject_attributes) {
        CAPTURE(attribute.oid);
        CHECK_FALSE(attribute.name.empty());
    }
}

TEST_CASE("describe: revocation URLs — an ldap-only CDP, and none at all") {
    const auto ldap = leaf("ldap-only-cdp");
    REQUIRE(ldap.crl_urls.size() == 1);
    CHECK(ldap.crl_urls[0].starts_with("ldap:///CN=MRA%20Preflight%20Test%20Issuing%20CA,"));
    CHECK(ldap.ocsp_urls.empty());
    CHECK(ldap.ca_issuer_urls.empty());

    const auto none = leaf("no-revocation-urls");
    CHECK(none.crl_urls.empty());
    CHECK(none.ocsp_urls.empty());
}

TEST_CASE("describe: every CRL distribution point and every OCSP responder, where Botan keeps one string") {
    const auto context = Botan::CONTEXT_SPECIFIC;
    // RFC 5280 §4.2.1.13: two distribution points, the second with two names.
    std::vector<std::uint8_t> cdp;
    Botan::DER_Encoder(cdp)
        .start_cons(Botan::SEQUENCE)
        .start_cons(Botan::SEQUENCE)
        .start_cons(Botan::ASN1_Tag(0), context)
        .start_cons(Botan::ASN1_Tag(0), context)
        .add_object(Botan::ASN1_Tag(6), context, bytes_of("http://pki.example.com/a.crl"))
        .end_cons()
        .end_cons()
        .end_cons()
        .start_cons(Botan::SEQUENCE)
        .start_cons(Botan::ASN1_Tag(0), context)
        .start_cons(Botan::ASN1_Tag(0), context)
        .add_object(Botan::ASN1_Tag(6), context, bytes_of("http://pki2.example.com/b.crl"))
        .add_object(Botan::ASN1_Tag(6), context, bytes_of("ldap:///CN=CA?certificateRevocationList"))
        .end_cons()
        .end_cons()
        .end_cons()
        .end_cons();
    // RFC 5280 §4.2.2.1: two OCSP responders and a caIssuers URL.
    std::vector<std::uint8_t> aia;
    Botan::DER_Encoder(aia)
        .start_cons(Botan::SEQUENCE)
        .start_cons(Botan::SEQUENCE)
        .encode(Botan::OID::from_string("1.3.6.1.5.5.7.48.1"))
        .add_object(Botan::ASN1_Tag(6), context, bytes_of("http://ocsp1.example.com"))
        .end_cons()
        .start_cons(Botan::SEQUENCE)
        .encode(Botan::OID::from_string("1.3.6.1.5.5.7.48.1"))
        .add_object(Botan::ASN1_Tag(6), context, bytes_of("http://ocsp2.example.com"))
        .end_cons()
        .start_cons(Botan::SEQUENCE)
        .encode(Botan::OID::from_string("1.3.6.1.5.5.7.48.2"))
        .add_object(Botan::ASN1_Tag(6), context, bytes_of("http://pki.example.com/ca.crt"))
        .end_cons()
        .end_cons();

    const std::string key_path = fixture("certs/healthy/key.pem");
    const auto signing_key = x509::read_private_key(x509::read_file(key_path), key_path);
    Botan::X509_Cert_Options options;
    options.common_name = "multi.example.com";
    options.extensions.add(new RawExtension("2.5.29.31", cdp));
    options.extensions.add(new RawExtension("1.3.6.1.5.5.7.1.1", aia));
    Botan::AutoSeeded_RNG rng;
    const auto cert = Botan::X509::create_self_signed_cert(options, *signing_key, "SHA-256", rng);

    const auto described = x509::describe(cert);
    CHECK(described.crl_urls == Strings{"http://pki.example.com/a.crl", "http://pki2.example.com/b.crl",
                                        "ldap:///CN=CA?certificateRevocationList"});
    CHECK(described.ocsp_urls == Strings{"http://ocsp1.example.com", "http://ocsp2.example.com"});
    CHECK(described.ca_issuer_urls == Strings{"http://pki.example.com/ca.crt"});

    // What Botan 2.19 itself offers (x509_ext.cpp): the last responder only, and every
    // distribution point folded into a single string that is not a URL.
    CHECK(cert.ocsp_responder() == "http://ocsp2.example.com");
    CHECK(cert.crl_distribution_point() ==
          "URI: http://pki.example.com/a.crl URI: http://pki2.example.com/b.crl "
          "URI: ldap:///CN=CA?certificateRevocationList ");
}

TEST_CASE("describe: otherName encodings — XmppAddr as UTF8String, an SRVName wrongly as UTF8String") {
    const auto xmpp = leaf("xmppaddr");
    bool found = false;
    for (const auto& name : xmpp.san.other_names) {
        if (name.type_oid == x509::xmppaddr_oid) {
            found = true;
            CHECK(name.encoding == "UTF8String");
            CHECK(name.value == "example.com");
        }
    }
    CHECK(found);

    const auto utf8 = leaf("srvname-utf8");
    REQUIRE(utf8.san.other_names.size() == 1);
    CHECK(utf8.san.other_names[0].type_oid == x509::srvname_oid);
    CHECK(utf8.san.other_names[0].encoding == "UTF8String");
    CHECK(utf8.san.other_names[0].value == "_collab-edge._tls.example.com");
}

TEST_CASE("describe: the key, its CSR and its certificate share one SPKI hash, and another key does not") {
    const auto cert = leaf("healthy");
    const auto private_key = key("healthy");
    const auto csr = request("healthy");
    CHECK(private_key.spki_sha256 == cert.spki_sha256);
    CHECK(csr.spki_sha256 == cert.spki_sha256);
    CHECK(private_key.algorithm == "RSA");
    CHECK(private_key.bits == 2048);

    CHECK(key("wrong-key").spki_sha256 != leaf("wrong-key").spki_sha256);

    // The EC encoding (named curve, uncompressed point) must agree too.
    const auto ec = key("ec-p256");
    CHECK(ec.spki_sha256 == leaf("ec-p256").spki_sha256);
    CHECK(ec.curve == "secp256r1");
    CHECK(ec.bits == 256);
}

TEST_CASE("describe: certificate requests") {
    const auto healthy = request("healthy");
    CHECK(healthy.subject == "CN=expe.example.com,O=Example Corp,C=US");
    CHECK(healthy.common_name == "expe.example.com");
    CHECK(healthy.has_san);
    CHECK(healthy.san.dns.size() == 5);
    REQUIRE(healthy.san.other_names.size() == 1);
    CHECK(healthy.san.other_names[0].value == "_collab-edge._tls.example.com");
    CHECK(healthy.extended_key_usage == Strings{"1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2"});
    CHECK(healthy.signature_hash == "SHA-256");
    CHECK(healthy.signature_valid);
    CHECK(healthy.key_algorithm == "RSA");
    CHECK(healthy.key_bits == 2048);

    const auto missing = request("csr-missing-name");
    CHECK(missing.san.dns == Strings{"expe.example.com", "expe1.example.com", "expe2.example.com"});
    CHECK(missing.san.other_names.empty());

    CHECK(request("csr-no-clientauth").extended_key_usage == Strings{"1.3.6.1.5.5.7.3.1"});
}
