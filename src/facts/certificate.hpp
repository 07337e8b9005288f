#pragma once
// Plain facts about certificates, keys and requests: what was decoded, nothing judged.
// Filled by src/x509 (from files or from a TLS handshake), read by the cert.* checks.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "facts/bounds.hpp"

namespace mra::facts {

// One attribute of a distinguished name, in the order it appears.
struct NameAttribute {
    std::string oid;   // dotted form, e.g. "2.5.4.3"
    std::string name;  // OpenSSL's short name of the OID ("CN", "O", "jurisdictionC"), else empty
    std::string value;
};

// An otherName SAN entry (RFC 5280 §4.2.1.6), decoded from the raw extension DER because
// Botan 2.19's AlternativeName drops them (asn1_alt_name.cpp, AlternativeName::decode_from tests
// `obj.is_a(0, CONTEXT_SPECIFIC)`, which the constructed [0] of an otherName never is).
struct OtherName {
    std::string type_oid;  // 1.3.6.1.5.5.7.8.7 SRVName (RFC 4985), 1.3.6.1.5.5.7.8.5 XmppAddr (RFC 6120)
    std::string encoding;  // ASN.1 type of the value: "IA5String", "UTF8String", … or "unknown"
    std::string value;     // the text, or hex of the value bytes when it is not a string type
};

struct SubjectAltName {
    std::vector<std::string> dns;
    std::vector<std::string> ip;
    std::vector<std::string> uri;
    std::vector<std::string> email;
    std::vector<OtherName> other_names;
};

struct Certificate {
    std::string der_base64;   // the certificate itself, so a capture can be re-analysed
    std::string sha256;       // hex fingerprint of the DER
    std::string spki_sha256;  // hex SHA-256 of SubjectPublicKeyInfo: equal for a key, its CSR and cert
    std::string serial;       // hex
    std::string subject;      // display form, e.g. "CN=expe.example.com,O=Example Corp,C=US"
    std::string issuer;
    std::vector<NameAttribute> subject_attributes;
    std::vector<NameAttribute> issuer_attributes;
    std::string common_name;      // first CN of the subject, or empty
    std::int64_t not_before = 0;  // seconds since the Unix epoch, UTC
    std::int64_t not_after = 0;
    std::string signature_algorithm;  // e.g. "sha256WithRSAEncryption", "ecdsa-with-SHA256", or the OID
    std::string signature_hash;       // "MD5", "SHA-1", "SHA-256", … empty when not known
    std::string key_algorithm;        // "RSA", "ECDSA", "Ed25519", "DSA", …
    std::size_t key_bits = 0;         // RSA modulus bits, EC group order bits
    std::string key_curve;            // EC only, e.g. "secp256r1"
    bool has_san = false;
    SubjectAltName san;
    std::vector<std::string> extended_key_usage;  // dotted OIDs, in order
    std::vector<std::string> key_usage;           // RFC 5280 names, e.g. "digitalSignature"
    bool is_ca = false;
    std::optional<std::size_t> path_length;
    bool self_issued = false;  // subject == issuer
    bool self_signed = false;  // self-issued and its signature verifies with its own key
    std::vector<std::string> crl_urls;
    std::vector<std::string> ocsp_urls;
    std::vector<std::string> ca_issuer_urls;
};

// A chain as it was presented (a TLS Certificate message, or files on disk), and what follows from it.
struct Chain {
    std::vector<Certificate> presented;   // in presented order; presented[0] is the leaf
    std::vector<std::size_t> path;        // indices into presented: leaf, its issuer, …, as far as the bag goes
    std::vector<std::size_t> duplicates;  // indices repeating an earlier certificate
    std::vector<std::size_t> unrelated;   // indices not on the path
    bool top_issuer_in_store = false;     // the issuer of the last path certificate is a trust-store certificate
    std::vector<Cut> cuts;                // certificates presented beyond facts::max_listed: neither kept nor judged

    struct Trust {
        bool trusted = false;
        std::string result;  // the validator's own words, e.g. "Verified", "Certificate issuer not found"
        std::string anchor;  // subject of the trust anchor when trusted
        std::string store;   // what the trust store was: a file path, or "system"
        std::int64_t evaluated_at = 0;
    } trust;
};

struct PrivateKey {
    std::string algorithm;
    std::size_t bits = 0;
    std::string curve;
    std::string spki_sha256;
};

struct CertificateRequest {
    std::string subject;
    std::vector<NameAttribute> subject_attributes;
    std::string common_name;
    bool has_san = false;
    SubjectAltName san;
    std::vector<std::string> extended_key_usage;
    std::string signature_hash;
    bool signature_valid = false;
    std::string key_algorithm;
    std::size_t key_bits = 0;
    std::string key_curve;
    std::string spki_sha256;
};

}  // namespace mra::facts
