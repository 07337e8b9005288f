#include "x509/subject_alt_name.hpp"

#include <botan/ber_dec.h>
#include <botan/der_enc.h>
#include <botan/pkix_types.h>
#include <botan/x509_ext.h>
#include <botan/x509cert.h>
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "tests/fixtures.hpp"
#include "util/input_error.hpp"
#include "x509/load.hpp"

using mra::test::fixture;
namespace x509 = mra::x509;

namespace {

const auto context = Botan::CONTEXT_SPECIFIC;
const auto context_constructed = Botan::ASN1_Tag(Botan::CONTEXT_SPECIFIC | Botan::CONSTRUCTED);

std::vector<std::uint8_t> bytes_of(const std::string& text) {
    return {text.begin(), text.end()};
}

// otherName [0] { type-id, [0] EXPLICIT value } with the value's own universal tag.
void add_other_name(Botan::DER_Encoder& der, const std::string& oid, Botan::ASN1_Tag type,
                    const std::vector<std::uint8_t>& value) {
    der.start_cons(Botan::ASN1_Tag(0), context)
        .encode(Botan::OID::from_string(oid))
        .start_cons(Botan::ASN1_Tag(0), context)
        .add_object(type, Botan::UNIVERSAL, value)
        .end_cons()
        .end_cons();
}

}  // namespace

TEST_CASE("Botan 2.19's AlternativeName drops otherName, and decode_subject_alt_name does not") {
    // The healthy leaf was made by OpenSSL with
    //   otherName:1.3.6.1.5.5.7.8.7;IA5STRING:_collab-edge._tls.example.com
    const std::string path = fixture("certs/healthy/leaf.pem");
    const Botan::X509_Certificate cert = x509::read_certificates(x509::read_file(path), path).at(0);

    // Botan decodes the same extension (the dNSNames are there) but asn1_alt_name.cpp tests the
    // otherName entry with obj.is_a(0, CONTEXT_SPECIFIC), while its tag is 0xA0, CONTEXT_SPECIFIC
    // | CONSTRUCTED, so the branch that would call add_othername() is never taken.
    const Botan::AlternativeName& botan = cert.subject_alt_name();
    CHECK(botan.get_attribute("DNS").size() == 5);
    CHECK(botan.get_othernames().empty());

    const auto ours =
        x509::decode_subject_alt_name(cert.v3_extensions().get_extension_bits(Botan::OID::from_string("2.5.29.17")));
    CHECK(ours.dns.size() == 5);
    REQUIRE(ours.other_names.size() == 1);
    CHECK(ours.other_names[0].type_oid == "1.3.6.1.5.5.7.8.7");
    CHECK(ours.other_names[0].encoding == "IA5String");
    CHECK(ours.other_names[0].value == "_collab-edge._tls.example.com");
}

TEST_CASE("decode_subject_alt_name: every GeneralName form, in order, including IPv6") {
    std::vector<std::uint8_t> extension;
    Botan::DER_Encoder der(extension);
    der.start_cons(Botan::SEQUENCE);
    der.add_object(Botan::ASN1_Tag(2), context, bytes_of("expe.example.com"));
    der.add_object(Botan::ASN1_Tag(7), context, std::vector<std::uint8_t>{192, 0, 2, 10});
    der.add_object(Botan::ASN1_Tag(7), context,
                   std::vector<std::uint8_t>{0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01});
    der.add_object(Botan::ASN1_Tag(6), context, bytes_of("https://expe.example.com/"));
    der.add_object(Botan::ASN1_Tag(1), context, bytes_of("admin@example.com"));
    add_other_name(der, x509::xmppaddr_oid, Botan::UTF8_STRING, bytes_of("example.com"));
    add_other_name(der, x509::srvname_oid, Botan::BMP_STRING,
                   std::vector<std::uint8_t>{0, '_', 0, 'x', 0, '.', 0, '_', 0, 't', 0, '.', 0, 'a'});
    add_other_name(der, "1.2.3.4", Botan::OCTET_STRING, std::vector<std::uint8_t>{0xde, 0xad});
    der.start_cons(Botan::ASN1_Tag(4), context_constructed)
        .encode(Botan::X509_DN())
        .end_cons();  // directoryName: skipped
    der.add_object(Botan::ASN1_Tag(2), context, bytes_of("expe1.example.com"));
    der.end_cons();

    const auto san = x509::decode_subject_alt_name(extension);
    CHECK(san.dns == std::vector<std::string>{"expe.example.com", "expe1.example.com"});
    CHECK(san.ip == std::vector<std::string>{"192.0.2.10", "2001:db8::1"});
    CHECK(san.uri == std::vector<std::string>{"https://expe.example.com/"});
    CHECK(san.email == std::vector<std::string>{"admin@example.com"});
    REQUIRE(san.other_names.size() == 3);
    CHECK(san.other_names[0].type_oid == x509::xmppaddr_oid);
    CHECK(san.other_names[0].encoding == "UTF8String");
    CHECK(san.other_names[0].value == "example.com");
    CHECK(san.other_names[1].encoding == "BMPString");
    CHECK(san.other_names[1].value == "_x._t.a");  // UCS-2 turned into UTF-8
    CHECK(san.other_names[2].type_oid == "1.2.3.4");
    CHECK(san.other_names[2].encoding == "OCTET STRING");
    CHECK(san.other_names[2].value == "dead");  // not a string type: hex

    // Botan's own decoder keeps only four-byte iPAddress entries (asn1_alt_name.cpp).
    Botan::AlternativeName botan;
    Botan::BER_Decoder(extension).decode(botan);
    CHECK(botan.get_attribute("IP") == std::vector<std::string>{"192.0.2.10"});
}

TEST_CASE("decode_subject_alt_name: an otherName without its [0] wrapper is kept, marked unknown") {
    std::vector<std::uint8_t> extension;
    Botan::DER_Encoder der(extension);
    der.start_cons(Botan::SEQUENCE)
        .start_cons(Botan::ASN1_Tag(0), context)
        .encode(Botan::OID::from_string(x509::srvname_oid))
        .add_object(Botan::IA5_STRING, Botan::UNIVERSAL, bytes_of("_sip._tls.example.com"))
        .end_cons()
        .end_cons();
    const auto san = x509::decode_subject_alt_name(extension);
    REQUIRE(san.other_names.size() == 1);
    CHECK(san.other_names[0].encoding == "unknown");
    CHECK_FALSE(san.other_names[0].value.empty());
}

TEST_CASE("decode_subject_alt_name: malformed DER is an InputError") {
    CHECK_THROWS_AS(x509::decode_subject_alt_name({}), mra::InputError);
    CHECK_THROWS_AS(x509::decode_subject_alt_name({0x30, 0x05, 0x82, 0x03, 'a'}), mra::InputError);  // cut short
    CHECK_THROWS_AS(x509::decode_subject_alt_name({0x04, 0x00}), mra::InputError);                   // not a SEQUENCE
    CHECK_THROWS_AS(x509::decode_subject_alt_name({0x30, 0x00, 0x00}), mra::InputError);             // trailing byte
    CHECK(x509::decode_subject_alt_name({0x30, 0x00}).dns.empty());
}
