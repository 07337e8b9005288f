#include "x509/detail.hpp"

#include <botan/asn1_str.h>
#include <botan/ber_dec.h>
#include <botan/der_enc.h>
#include <botan/hash.h>

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

// X.520 attribute types (plus the PKCS #9 emailAddress and RFC 4519 DC/UID) that OpenSSL decodes
// by name (its objects.txt; Expressway's CiscoSSL derives from it). Deliberately not Botan's OID
// table: it names many OIDs (EV jurisdiction attributes among them) that Expressway shows as bare
// numbers and that break its SSH tunnels (Expressway Certificate Creation and Use Deployment
// Guide X14.3, "Troubleshooting"), and the cert.subject-oids check keys on "no name".
struct AttributeName {
    const char* oid;
    const char* name;
};
constexpr std::array<AttributeName, 21> standard_attributes{{
    {"2.5.4.3", "CN"},
    {"2.5.4.6", "C"},
    {"2.5.4.7", "L"},
    {"2.5.4.8", "ST"},
    {"2.5.4.10", "O"},
    {"2.5.4.11", "OU"},
    {"2.5.4.9", "street"},
    {"2.5.4.5", "serialNumber"},
    {"2.5.4.12", "title"},
    {"2.5.4.42", "givenName"},
    {"2.5.4.4", "SN"},
    {"2.5.4.43", "initials"},
    {"2.5.4.44", "generationQualifier"},
    {"2.5.4.45", "x500UniqueIdentifier"},  // X.520 §6.2.7: a BIT STRING, shown as "#hex"
    {"2.5.4.46", "dnQualifier"},
    {"2.5.4.65", "pseudonym"},
    {"1.2.840.113549.1.9.1", "emailAddress"},
    {"0.9.2342.19200300.100.1.25", "DC"},
    {"0.9.2342.19200300.100.1.1", "UID"},
    {"2.5.4.17", "postalCode"},
    {"2.5.4.15", "businessCategory"},
}};

std::string attribute_name(const std::string& oid) {
    for (const auto& attribute : standard_attributes) {
        if (oid == attribute.oid) {
            return attribute.name;
        }
    }
    return {};
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
