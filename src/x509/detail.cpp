#include "x509/detail.hpp"

#include <botan/asn1_str.h>
#include <botan/ber_dec.h>
#include <botan/der_enc.h>
#include <botan/hash.h>
#include <openssl/objects.h>

#include <array>
#include <utility>

namespace mra::x509::detail {

std::string lower_hex(const std::uint8_t* data, std::size_t size) {
    static constexpr char digits[] = "0123456789abcdef";
    std::string out;
    out.reserve(size * 2);
    for (std::size_t i = 0; i < size; ++i) {
        out.push_back(digits[data[i] >> 4]);
        out.push_back(digits[data[i] & 0x0f]);
    }
    return out;
}

std::string sha256_hex(const std::vector<std::uint8_t>& bytes) {
    const auto hash = Botan::HashFunction::create_or_throw("SHA-256");
    hash->update(bytes);
    const auto digest = hash->final();
    return lower_hex(digest.data(), digest.size());
}

std::optional<std::string> string_value(const Botan::BER_Object& object) {
    if (object.get_class() != Botan::UNIVERSAL || !Botan::ASN1_String::is_string_type(object.type())) {
        return std::nullopt;
    }
    // Re-wrap the object so that Botan's ASN1_String does the charset work (BMPString is UCS-2,
    // UniversalString UCS-4, TeletexString treated as Latin-1) and hands back UTF-8.
    try {
        std::vector<std::uint8_t> encoded;
        Botan::DER_Encoder(encoded).add_object(object.type(), object.get_class(), object.bits(), object.length());
        Botan::ASN1_String text;
        Botan::BER_Decoder(encoded).decode(text);
        return text.value();
    } catch (const std::exception&) {
        return std::nullopt;  // e.g. a BMPString with an odd number of bytes
    }
}

std::string universal_type_name(const Botan::BER_Object& object) {
    if (object.get_class() != Botan::UNIVERSAL && object.get_class() != Botan::CONSTRUCTED) {
        return "unknown";
    }
    // X.680 §8.4 universal class tag numbers.
    static const std::array<std::pair<int, const char*>, 19> names{{
        {1, "BOOLEAN"},        {2, "INTEGER"},
        {3, "BIT STRING"},     {4, "OCTET STRING"},
        {5, "NULL"},           {6, "OBJECT IDENTIFIER"},
        {10, "ENUMERATED"},    {12, "UTF8String"},
        {16, "SEQUENCE"},      {17, "SET"},
        {18, "NumericString"}, {19, "PrintableString"},
        {20, "TeletexString"}, {22, "IA5String"},
        {23, "UTCTime"},       {24, "GeneralizedTime"},
        {26, "VisibleString"}, {28, "UniversalString"},
        {30, "BMPString"},
    }};
    for (const auto& [tag, name] : names) {
        if (static_cast<int>(object.type()) == tag) {
            return name;
        }
    }
    return "unknown";
}

namespace {

// The short name OpenSSL gives an attribute type (as `openssl x509 -text` prints it: CN, O,
// jurisdictionC, organizationIdentifier, …), or "" when OpenSSL knows no name and prints the number.
// Expressway decodes names with OpenSSL too (CiscoSSL), and an attribute it shows as a bare number
// breaks its SSH tunnels, while a decoded EV attribute is fine (Expressway Certificate Creation and
// Use Deployment Guide X15.0, "Troubleshooting", "Issues with SSH Failures and Unsupported OIDs");
// cert.subject-oids keys on "no name". This machine's OpenSSL may name an OID an older Expressway
// cannot: the check then misses a problem rather than failing a certificate that works.
std::string attribute_name(const std::string& oid) {
    const int nid = OBJ_txt2nid(oid.c_str());
    if (nid == NID_undef) return {};
    const char* name = OBJ_nid2sn(nid);
    return name ? name : "";
}

struct DecodedAttribute {
    facts::NameAttribute attribute;
    bool hex_form = false;  // value is RFC 4514 "#hex", not a string
};
using Rdn = std::vector<DecodedAttribute>;

// Decodes the DN from its encoding (`bits`: the contents of the Name SEQUENCE) rather than Botan's
// dn_info(), which flattens multi-valued RDNs and needs every value to be a string type.
std::vector<Rdn> decode_rdns(const std::vector<std::uint8_t>& bits) {
    std::vector<Rdn> rdns;
    Botan::BER_Decoder sequence(bits);
    while (sequence.more_items()) {
        Botan::BER_Decoder set = sequence.start_cons(Botan::SET);
        Rdn rdn;
        while (set.more_items()) {
            Botan::OID oid;
            Botan::BER_Decoder pair = set.start_cons(Botan::SEQUENCE);
            pair.decode(oid);
            const Botan::BER_Object value = pair.get_next_object();
            pair.end_cons();
            const std::string dotted = oid.to_string();
            // RFC 4514 §2.4: a value that is not a string is shown as '#' and the hex of its BER.
            DecodedAttribute decoded{{dotted, attribute_name(dotted), {}}, false};
            if (auto text = string_value(value)) {
                decoded.attribute.value = std::move(*text);
            } else {
                std::vector<std::uint8_t> encoded;
                Botan::DER_Encoder(encoded).add_object(value.type(), value.get_class(), value.bits(), value.length());
                decoded.attribute.value = "#" + lower_hex(encoded);
                decoded.hex_form = true;
            }
            rdn.push_back(std::move(decoded));
        }
        set.end_cons();
        rdns.push_back(std::move(rdn));
    }
    return rdns;
}

// RFC 4514 §2.4 escaping of an attribute value.
std::string escape_value(const std::string& value) {
    std::string out;
    for (std::size_t i = 0; i < value.size(); ++i) {
        const char c = value[i];
        const bool special = c == '"' || c == '+' || c == ',' || c == ';' || c == '<' || c == '>' || c == '\\';
        const bool leading = i == 0 && (c == ' ' || c == '#');
        const bool trailing = i + 1 == value.size() && c == ' ';
        if (c == '\0') {
            out += "\\00";
            continue;
        }
        if (special || leading || trailing) {
            out.push_back('\\');
        }
        out.push_back(c);
    }
    return out;
}

// A DN Botan built rather than decoded has no encoding to read.
std::vector<Rdn> decode_rdns(const Botan::X509_DN& dn) {
    if (!dn.get_bits().empty()) {
        return decode_rdns(dn.get_bits());
    }
    std::vector<Rdn> rdns;
    for (const auto& [oid, value] : dn.dn_info()) {
        rdns.push_back({{{oid.to_string(), attribute_name(oid.to_string()), value.value()}, false}});
    }
    return rdns;
}

std::vector<facts::NameAttribute> attributes_of(std::vector<Rdn> rdns) {
    std::vector<facts::NameAttribute> out;
    for (auto& rdn : rdns) {
        for (auto& decoded : rdn) {
            out.push_back(std::move(decoded.attribute));
        }
    }
    return out;
}

std::string display_form(const std::vector<Rdn>& rdns) {
    std::string out;
    for (auto rdn = rdns.rbegin(); rdn != rdns.rend(); ++rdn) {
        if (!out.empty()) {
            out.push_back(',');
        }
        for (std::size_t i = 0; i < rdn->size(); ++i) {
            const auto& [attribute, hex_form] = (*rdn)[i];
            if (i > 0) {
                out.push_back('+');
            }
            out += attribute.name.empty() ? attribute.oid : attribute.name;
            out.push_back('=');
            out += hex_form ? attribute.value : escape_value(attribute.value);
        }
    }
    return out;
}

}  // namespace

std::vector<facts::NameAttribute> dn_attributes(const Botan::X509_DN& dn) {
    return attributes_of(decode_rdns(dn));
}

std::vector<facts::NameAttribute> dn_attributes(const std::vector<std::uint8_t>& name_contents) {
    return attributes_of(decode_rdns(name_contents));
}

std::string format_dn(const Botan::X509_DN& dn) {
    return display_form(decode_rdns(dn));
}

std::string format_dn(const std::vector<std::uint8_t>& name_contents) {
    return display_form(decode_rdns(name_contents));
}

}  // namespace mra::x509::detail
