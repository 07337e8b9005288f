#pragma once
// SubjectAltName decoded from the raw extension value with Botan's BER_Decoder, including the
// otherName entries that Botan 2.19's AlternativeName skips (asn1_alt_name.cpp,
// AlternativeName::decode_from: an otherName whose value is not a string type is not kept).

#include <cstdint>
#include <vector>

#include "facts/certificate.hpp"

namespace mra::x509 {

inline constexpr const char* srvname_oid = "1.3.6.1.5.5.7.8.7";   // RFC 4985 id-on-dnsSRV
inline constexpr const char* xmppaddr_oid = "1.3.6.1.5.5.7.8.5";  // RFC 6120 §13.7.1.4 id-on-xmppAddr

// `extension_value` is the OCTET STRING contents of the 2.5.29.17 extension (the GeneralNames
// SEQUENCE). Throws mra::InputError on malformed DER.
facts::SubjectAltName decode_subject_alt_name(const std::vector<std::uint8_t>& extension_value);

}  // namespace mra::x509
