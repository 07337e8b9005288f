#pragma once
// Helpers shared by the src/x509 implementation files. Not part of the module's interface:
// nothing outside src/x509 includes this header.

#include <botan/asn1_obj.h>
#include <botan/pkix_types.h>
#include <botan/x509cert.h>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "facts/certificate.hpp"

namespace mra::x509::detail {

std::string lower_hex(const std::uint8_t* data, std::size_t size);
inline std::string lower_hex(const std::vector<std::uint8_t>& bytes) {
    return lower_hex(bytes.data(), bytes.size());
}

std::string sha256_hex(const std::vector<std::uint8_t>& bytes);

// UTF-8 text of a universal ASN.1 string type (UTF8String, IA5String, PrintableString, BMPString …),
// or nullopt when `object` is not one.
std::optional<std::string> string_value(const Botan::BER_Object& object);

// The X.680 name of a universal type ("IA5String", "OCTET STRING", …), or "unknown".
std::string universal_type_name(const Botan::BER_Object& object);

// One GeneralName (RFC 5280 §4.2.1.6) appended to `out`; entries the facts have no field for
// (x400Address, directoryName, ediPartyName, registeredID) are skipped. Throws on malformed DER.
void decode_general_name(const Botan::BER_Object& name, facts::SubjectAltName& out);

// The attributes of a DN in encoded order, named as OpenSSL names them (none for an OID it does not know); from
// Botan's DN, or from the contents of a Name SEQUENCE (throws on malformed DER).
std::vector<facts::NameAttribute> dn_attributes(const Botan::X509_DN& dn);
std::vector<facts::NameAttribute> dn_attributes(const std::vector<std::uint8_t>& name_contents);

// Display form in RFC 4514 order (last RDN first), e.g. "CN=expe.example.com,O=Example Corp,C=US".
std::string format_dn(const Botan::X509_DN& dn);
std::string format_dn(const std::vector<std::uint8_t>& name_contents);

}  // namespace mra::x509::detail
