#pragma once
// Certificates that OpenSSL decodes and Botan 2.19 refuses, read through a re-encoding.
//
// Botan 2.19 refuses two encodings that are valid X.509 and that real CAs issue:
//  - a Name attribute whose value is not a string type (asn1_str.cpp, "ASN1_String: Unknown string
//    type"), e.g. x500UniqueIdentifier, which X.520 §6.2.7 defines as a BIT STRING;
//  - an id-RSASSA-PSS subject key (RFC 4055 §1.2) whose parameters differ from the certificate's
//    own signature algorithm (x509cert.cpp, "Algorithm identifier mismatch").
// Such a certificate is decoded from a rendition: the same DER with each such value replaced by a
// UTF8String of its RFC 4514 §2.4 "#hex" form, and the PSS key's AlgorithmIdentifier by
// rsaEncryption (the key itself is the same RSA key, RFC 4055 §1.2). What the rendition changed is
// kept beside it, and everything that depends on the exact bytes — the fingerprint, the subject and
// issuer attributes, the signature a certificate carries, path validation — reads the original.

#include <botan/x509cert.h>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace mra::x509 {

struct Original {
    std::vector<std::uint8_t> der;           // the certificate as given
    std::vector<std::uint8_t> subject_name;  // contents of its subject Name SEQUENCE
    std::vector<std::uint8_t> issuer_name;   // contents of its issuer Name SEQUENCE
    bool rsassa_pss_key = false;             // its key is id-RSASSA-PSS
};

// Botan::X509_Certificate(der), or the certificate decoded from its rendition when Botan refuses
// `der` itself for one of the reasons above. Throws what Botan throws for `der` otherwise.
Botan::X509_Certificate decode_certificate(const std::vector<std::uint8_t>& der);

// The original of a certificate decode_certificate() read through a rendition; null for any other.
std::shared_ptr<const Original> original_of(const Botan::X509_Certificate& cert);

// The certificate's encoding as given: the original of a rendition, else Botan's own.
std::vector<std::uint8_t> encoding_of(const Botan::X509_Certificate& cert);

// The AlgorithmIdentifier Botan 2.19 expects for `algorithm`: rsaEncryption (RFC 8017 §A.1) for
// id-RSASSA-PSS (RFC 4055 §1.2), `algorithm` itself for any other. For PKCS #8 keys.
Botan::AlgorithmIdentifier key_algorithm_for_botan(const Botan::AlgorithmIdentifier& algorithm);

}  // namespace mra::x509
