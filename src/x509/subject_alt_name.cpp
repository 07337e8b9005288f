#include "x509/subject_alt_name.hpp"

#include <botan/ber_dec.h>

#include <arpa/inet.h>
#include <sys/socket.h>

#include <exception>

#include "util/input_error.hpp"
#include "x509/detail.hpp"

namespace mra::x509 {

namespace {

constexpr auto context_primitive = Botan::CONTEXT_SPECIFIC;
constexpr auto context_constructed = Botan::ASN1_Tag(Botan::CONTEXT_SPECIFIC | Botan::CONSTRUCTED);

std::string text_of(const Botan::BER_Object& object) {
    return std::string(reinterpret_cast<const char*>(object.bits()), object.length());
}

// RFC 5280 §4.2.1.6: four octets for IPv4, sixteen for IPv6. Botan 2.19's AlternativeName keeps
// only the IPv4 case (asn1_alt_name.cpp, decode_from: `if(obj.length() == 4)`).
std::string ip_text(const Botan::BER_Object& object) {
    char buffer[INET6_ADDRSTRLEN] = {};
    const int family = object.length() == 4 ? AF_INET : object.length() == 16 ? AF_INET6 : 0;
    if (family != 0 && inet_ntop(family, object.bits(), buffer, sizeof buffer) != nullptr) {
        return buffer;
    }
    // Any other length is malformed; keep the octets visible instead of dropping the entry.
    return detail::lower_hex(object.bits(), object.length());
}

// otherName ::= SEQUENCE { type-id OBJECT IDENTIFIER, value [0] EXPLICIT ANY DEFINED BY type-id }
// (RFC 5280 §4.2.1.6), carried as [0] IMPLICIT, so the entry is constructed context-specific 0.
facts::OtherName decode_other_name(const Botan::BER_Object& entry) {
    Botan::BER_Decoder other_name(entry);
    Botan::OID type_id;
    other_name.decode(type_id);
    facts::OtherName out{type_id.to_string(), "unknown", ""};

    const Botan::BER_Object wrapper = other_name.get_next_object();
    if (!wrapper.is_a(0, context_constructed)) {
        // Not the [0] EXPLICIT wrapper the syntax requires: record what is there, so that the
        // cert.srvname check can report a malformed entry rather than lose it.
        out.value = detail::lower_hex(wrapper.bits(), wrapper.length());
        return out;
    }
    Botan::BER_Decoder inner(wrapper);
    const Botan::BER_Object value = inner.get_next_object();
    out.encoding = detail::universal_type_name(value);
    if (auto text = detail::string_value(value)) {
        out.value = std::move(*text);
    } else {
        out.value = detail::lower_hex(value.bits(), value.length());
    }
    return out;
}

}  // namespace

namespace detail {

void decode_general_name(const Botan::BER_Object& name, facts::SubjectAltName& out) {
    // GeneralName tags, RFC 5280 §4.2.1.6. The tag class must be compared together with the
    // constructed bit: otherName [0] is constructed (0xA0), the string forms are primitive (0x8n).
    if (name.is_a(0, context_constructed)) {
        out.other_names.push_back(decode_other_name(name));
    } else if (name.is_a(1, context_primitive)) {
        out.email.push_back(text_of(name));
    } else if (name.is_a(2, context_primitive)) {
        out.dns.push_back(text_of(name));
    } else if (name.is_a(6, context_primitive)) {
        out.uri.push_back(text_of(name));
    } else if (name.is_a(7, context_primitive)) {
        out.ip.push_back(ip_text(name));
    }
    // x400Address [3], directoryName [4], ediPartyName [5], registeredID [8]: no field in the facts.
}

}  // namespace detail

facts::SubjectAltName decode_subject_alt_name(const std::vector<std::uint8_t>& extension_value) {
    facts::SubjectAltName out;
    try {
        Botan::BER_Decoder extension(extension_value);
        Botan::BER_Decoder names = extension.start_cons(Botan::SEQUENCE);
        while (names.more_items()) {
            detail::decode_general_name(names.get_next_object(), out);
        }
        names.end_cons();
        extension.verify_end();
    } catch (const std::exception& e) {
        throw InputError(std::string("malformed subjectAltName extension: ") + e.what());
    }
    return out;
}

}  // namespace mra::x509
