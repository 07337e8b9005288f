#include "x509/rendition.hpp"

#include <botan/asn1_obj.h>
#include <botan/ber_dec.h>
#include <botan/der_enc.h>

#include <exception>
#include <map>
#include <mutex>
#include <optional>

#include "x509/detail.hpp"

namespace mra::x509 {

namespace {

const Botan::OID rsassa_pss_oid = Botan::OID::from_string("1.2.840.113549.1.1.10");
const Botan::OID rsa_encryption_oid = Botan::OID::from_string("1.2.840.113549.1.1.1");

std::vector<std::uint8_t> encoded(const Botan::BER_Object& object) {
    std::vector<std::uint8_t> out;
    Botan::DER_Encoder(out).add_object(object.type(), object.get_class(), object.bits(), object.length());
    return out;
}

std::vector<std::uint8_t> contents(const Botan::BER_Object& object) {
    return {object.bits(), object.bits() + object.length()};
}

bool is_string(const Botan::BER_Object& value) {
    return value.get_class() == Botan::UNIVERSAL && Botan::ASN1_String::is_string_type(value.type());
}

// RFC 5280 §4.1.2.4 Name: RDNSequence of SET OF AttributeTypeAndValue. Values that are not
// strings become UTF8Strings of their "#hex" form; `changed` says whether there was one.
std::vector<std::uint8_t> name_for_botan(const Botan::BER_Object& name, bool& changed) {
    name.assert_is_a(Botan::SEQUENCE, Botan::CONSTRUCTED, "Name");
    std::vector<std::uint8_t> out;
    Botan::DER_Encoder encoder(out);
    encoder.start_cons(Botan::SEQUENCE);
    Botan::BER_Decoder rdns(name.bits(), name.length());
    while (rdns.more_items()) {
        Botan::BER_Decoder rdn = rdns.start_cons(Botan::SET);
        std::vector<std::uint8_t> attributes;
        while (rdn.more_items()) {
            Botan::OID type;
            Botan::BER_Decoder pair = rdn.start_cons(Botan::SEQUENCE);
            pair.decode(type);
            const Botan::BER_Object value = pair.get_next_object();
            pair.end_cons();
            Botan::DER_Encoder attribute(attributes);
            attribute.start_cons(Botan::SEQUENCE).encode(type);
            if (is_string(value)) {
                attribute.add_object(value.type(), value.get_class(), value.bits(), value.length());
            } else {
                attribute.encode(Botan::ASN1_String("#" + detail::lower_hex(encoded(value)), Botan::UTF8_STRING));
                changed = true;
            }
            attribute.end_cons();
        }
        rdn.verify_end();
        // The attributes in their own order: a SET OF encoded by Botan would be re-sorted.
        encoder.add_object(Botan::SET, Botan::CONSTRUCTED, attributes);
    }
    encoder.end_cons();
    return out;
}

// RFC 5280 §4.1.2.7 SubjectPublicKeyInfo, with an id-RSASSA-PSS algorithm as rsaEncryption.
std::vector<std::uint8_t> key_info_for_botan(const Botan::BER_Object& key_info, bool& changed) {
    Botan::AlgorithmIdentifier algorithm;
    Botan::BER_Object key;
    Botan::BER_Decoder(encoded(key_info)).start_cons(Botan::SEQUENCE).decode(algorithm).get_next(key).end_cons();
    if (algorithm.get_oid() != rsassa_pss_oid) {
        return encoded(key_info);
    }
    changed = true;
    std::vector<std::uint8_t> out;
    Botan::DER_Encoder(out)
        .start_cons(Botan::SEQUENCE)
        .encode(key_algorithm_for_botan(algorithm))
        .add_object(key.type(), key.get_class(), key.bits(), key.length())
        .end_cons();
    return out;
}

struct Rendition {
    std::vector<std::uint8_t> der;
    Original original;
};

// RFC 5280 §4.1: Certificate ::= SEQUENCE { tbsCertificate, signatureAlgorithm, signatureValue },
// TBSCertificate ::= SEQUENCE { [0] version OPTIONAL, serialNumber, signature, issuer, validity,
// subject, subjectPublicKeyInfo, … }. Null when there is nothing to change, or `der` is not that shape.
std::optional<Rendition> rendition_of(const std::vector<std::uint8_t>& der) {
    try {
        Botan::BER_Object tbs, signature_algorithm, signature;
        Botan::BER_Decoder(der)
            .start_cons(Botan::SEQUENCE)
            .get_next(tbs)
            .get_next(signature_algorithm)
            .get_next(signature)
            .end_cons()
            .verify_end();
        tbs.assert_is_a(Botan::SEQUENCE, Botan::CONSTRUCTED, "TBSCertificate");
        std::vector<Botan::BER_Object> fields;
        Botan::BER_Decoder tbs_fields(tbs.bits(), tbs.length());
        while (tbs_fields.more_items()) {
            fields.push_back(tbs_fields.get_next_object());
        }
        const std::size_t first =
            !fields.empty() && fields.front().is_a(0, Botan::ASN1_Tag(Botan::CONTEXT_SPECIFIC | Botan::CONSTRUCTED))
                ? 1
                : 0;
        const std::size_t issuer = first + 2, subject = first + 4, key_info = first + 5;
        if (fields.size() <= key_info) {
            return std::nullopt;
        }

        Rendition out;
        out.original = {der, contents(fields[subject]), contents(fields[issuer]), false};
        bool names_changed = false, key_changed = false;
        std::vector<std::uint8_t> body;
        for (std::size_t i = 0; i < fields.size(); ++i) {
            const std::vector<std::uint8_t> field = i == issuer || i == subject
                                                        ? name_for_botan(fields[i], names_changed)
                                                    : i == key_info ? key_info_for_botan(fields[i], key_changed)
                                                                    : encoded(fields[i]);
            body.insert(body.end(), field.begin(), field.end());
        }
        if (!names_changed && !key_changed) {
            return std::nullopt;
        }
        out.original.rsassa_pss_key = key_changed;
        std::vector<std::uint8_t> certificate_body;
        Botan::DER_Encoder(certificate_body)
            .add_object(Botan::SEQUENCE, Botan::CONSTRUCTED, body)
            .raw_bytes(encoded(signature_algorithm))
            .raw_bytes(encoded(signature));
        Botan::DER_Encoder(out.der).add_object(Botan::SEQUENCE, Botan::CONSTRUCTED, certificate_body);
        return out;
    } catch (const std::exception&) {
        return std::nullopt;
    }
}

// Renditions decoded so far, by the SHA-256 fingerprint of the rendition Botan holds. Only
// certificates Botan refuses land here, so it stays as small as the odd certificates met.
struct Registry {
    std::mutex mutex;
    std::map<std::string, std::shared_ptr<const Original>> originals;
};

Registry& registry() {
    static auto* const instance = new Registry;  // never destroyed: read until the very end
    return *instance;
}

}  // namespace

Botan::AlgorithmIdentifier key_algorithm_for_botan(const Botan::AlgorithmIdentifier& algorithm) {
    if (algorithm.get_oid() != rsassa_pss_oid) {
        return algorithm;
    }
    return {rsa_encryption_oid, Botan::AlgorithmIdentifier::USE_NULL_PARAM};
}

Botan::X509_Certificate decode_certificate(const std::vector<std::uint8_t>& der) {
    try {
        return Botan::X509_Certificate(der);
    } catch (const std::exception&) {
        auto rendition = rendition_of(der);
        if (!rendition) {
            throw;
        }
        Botan::X509_Certificate cert(rendition->der);  // throws when something else is wrong too
        Registry& known = registry();
        const std::lock_guard lock(known.mutex);
        known.originals.emplace(cert.fingerprint("SHA-256"),
                                std::make_shared<const Original>(std::move(rendition->original)));
        return cert;
    }
}

std::shared_ptr<const Original> original_of(const Botan::X509_Certificate& cert) {
    Registry& known = registry();
    const std::lock_guard lock(known.mutex);
    if (known.originals.empty()) {
        return nullptr;
    }
    const auto found = known.originals.find(cert.fingerprint("SHA-256"));
    return found == known.originals.end() ? nullptr : found->second;
}

std::vector<std::uint8_t> encoding_of(const Botan::X509_Certificate& cert) {
    if (const auto original = original_of(cert)) {
        return original->der;
    }
    return cert.BER_encode();
}

}  // namespace mra::x509
