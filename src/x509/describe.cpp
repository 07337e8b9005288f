#include "x509/describe.hpp"

#include <botan/base64.h>
#include <botan/ber_dec.h>
#include <botan/ecc_key.h>
#include <botan/oids.h>
#include <botan/x509_ext.h>

#include <array>
#include <chrono>
#include <cstdio>
#include <exception>
#include <memory>
#include <optional>

#include "x509/cache.hpp"
#include "x509/detail.hpp"
#include "x509/rendition.hpp"
#include "x509/subject_alt_name.hpp"

namespace mra::x509 {

namespace {

// ---- signature algorithm --------------------------------------------------------------------

struct SignatureAlgorithm {
    const char* oid;
    const char* name;  // as `openssl x509 -text` prints it
    const char* hash;  // normalised digest name; "" when the algorithm names none
};

// RFC 3279 §2.2, RFC 4055 §5, RFC 5758 §3, RFC 8410 §3. Classified here rather than read off a
// path-validation failure: Botan's default restrictions reject SHA-1 before saying why
// (x509path.cpp, PKIX::check_chain: UNTRUSTED_HASH).
constexpr std::array<SignatureAlgorithm, 21> signature_algorithms{{
    {"1.2.840.113549.1.1.2", "md2WithRSAEncryption", "MD2"},
    {"1.2.840.113549.1.1.3", "md4WithRSAEncryption", "MD4"},
    {"1.2.840.113549.1.1.4", "md5WithRSAEncryption", "MD5"},
    {"1.2.840.113549.1.1.5", "sha1WithRSAEncryption", "SHA-1"},
    {"1.3.14.3.2.29", "sha1WithRSA", "SHA-1"},
    {"1.2.840.113549.1.1.14", "sha224WithRSAEncryption", "SHA-224"},
    {"1.2.840.113549.1.1.11", "sha256WithRSAEncryption", "SHA-256"},
    {"1.2.840.113549.1.1.12", "sha384WithRSAEncryption", "SHA-384"},
    {"1.2.840.113549.1.1.13", "sha512WithRSAEncryption", "SHA-512"},
    {"1.2.840.113549.1.1.10", "RSASSA-PSS", ""},  // hash in the parameters, see pss_hash()
    {"1.2.840.10045.4.1", "ecdsa-with-SHA1", "SHA-1"},
    {"1.2.840.10045.4.3.1", "ecdsa-with-SHA224", "SHA-224"},
    {"1.2.840.10045.4.3.2", "ecdsa-with-SHA256", "SHA-256"},
    {"1.2.840.10045.4.3.3", "ecdsa-with-SHA384", "SHA-384"},
    {"1.2.840.10045.4.3.4", "ecdsa-with-SHA512", "SHA-512"},
    {"1.2.840.10040.4.3", "dsaWithSHA1", "SHA-1"},
    {"2.16.840.1.101.3.4.3.1", "dsa_with_SHA224", "SHA-224"},
    {"2.16.840.1.101.3.4.3.2", "dsa_with_SHA256", "SHA-256"},
    // RFC 8032 §5.1: Ed25519 is defined over SHA-512; Ed448 over SHAKE256, which has no entry here.
    {"1.3.101.112", "ED25519", "SHA-512"},
    {"1.3.101.113", "ED448", ""},
    {"1.2.156.10197.1.501", "SM2-with-SM3", "SM3"},
}};

constexpr std::array<std::pair<const char*, const char*>, 9> hash_algorithms{{
    {"1.2.840.113549.2.2", "MD2"},
    {"1.2.840.113549.2.4", "MD4"},
    {"1.2.840.113549.2.5", "MD5"},
    {"1.3.14.3.2.26", "SHA-1"},
    {"2.16.840.1.101.3.4.2.4", "SHA-224"},
    {"2.16.840.1.101.3.4.2.1", "SHA-256"},
    {"2.16.840.1.101.3.4.2.2", "SHA-384"},
    {"2.16.840.1.101.3.4.2.3", "SHA-512"},
    {"1.2.156.10197.1.401", "SM3"},
}};

std::string hash_name(const std::string& oid) {
    for (const auto& [hash_oid, name] : hash_algorithms) {
        if (oid == hash_oid) {
            return name;
        }
    }
    return {};
}

// RFC 4055 §3.1 RSASSA-PSS-params: hashAlgorithm [0] EXPLICIT, DEFAULT sha1.
std::string pss_hash(const std::vector<std::uint8_t>& parameters) {
    try {
        Botan::BER_Decoder params = Botan::BER_Decoder(parameters).start_cons(Botan::SEQUENCE);
        const Botan::BER_Object first = params.get_next_object();
        if (!first.is_a(0, Botan::ASN1_Tag(Botan::CONTEXT_SPECIFIC | Botan::CONSTRUCTED))) {
            return "SHA-1";
        }
        Botan::AlgorithmIdentifier hash;
        Botan::BER_Decoder(first).decode(hash);
        return hash_name(hash.get_oid().to_string());
    } catch (const std::exception&) {
        return {};
    }
}

struct SignatureFacts {
    std::string algorithm;
    std::string hash;
};

SignatureFacts classify_signature(const Botan::AlgorithmIdentifier& algorithm) {
    const std::string oid = algorithm.get_oid().to_string();
    for (const auto& known : signature_algorithms) {
        if (oid == known.oid) {
            const std::string hash = oid == "1.2.840.113549.1.1.10" ? pss_hash(algorithm.get_parameters()) : known.hash;
            return {known.name, hash};
        }
    }
    return {oid, {}};
}

// ---- keys -----------------------------------------------------------------------------------

struct KeyFacts {
    std::string algorithm;
    std::size_t bits = 0;
    std::string curve;
};

KeyFacts key_facts(const Botan::Public_Key& key) {
    KeyFacts out{key.algo_name(), key.key_length(), {}};
    if (const auto* ec = dynamic_cast<const Botan::EC_PublicKey*>(&key)) {
        // The strength of an EC key is the size of its group order (SEC 1 §3.1.1, NIST SP 800-57).
        out.bits = ec->domain().get_order_bits();
        const Botan::OID& curve = ec->domain().get_curve_oid();
        if (curve.has_value()) {
            const std::string name = Botan::OIDS::oid2str_or_empty(curve);  // "secp256r1", "brainpool256r1"
            out.curve = name.empty() ? curve.to_string() : name;
        }
    }
    return out;
}

// When Botan cannot load the key (Ed448, RSASSA-PSS keys, …), at least name its algorithm.
KeyFacts unloadable_key_facts(const std::vector<std::uint8_t>& spki) {
    static constexpr std::array<std::pair<const char*, const char*>, 8> names{{
        {"1.2.840.113549.1.1.1", "RSA"},
        {"1.2.840.113549.1.1.10", "RSA-PSS"},
        {"1.2.840.10045.2.1", "ECDSA"},
        {"1.2.840.10040.4.1", "DSA"},
        {"1.3.101.112", "Ed25519"},
        {"1.3.101.113", "Ed448"},
        {"1.3.101.110", "X25519"},
        {"1.3.101.111", "X448"},
    }};
    try {
        Botan::AlgorithmIdentifier algorithm;
        Botan::BER_Decoder(spki).start_cons(Botan::SEQUENCE).decode(algorithm);
        const std::string oid = algorithm.get_oid().to_string();
        for (const auto& [known, name] : names) {
            if (oid == known) {
                return {name, 0, {}};
            }
        }
        return {oid, 0, {}};
    } catch (const std::exception&) {
        return {};
    }
}

template <typename LoadKey>
KeyFacts subject_key_facts(LoadKey load, const std::vector<std::uint8_t>& spki) {
    try {
        const auto key = load();
        if (key) {
            return key_facts(*key);
        }
    } catch (const std::exception&) {
    }
    return unloadable_key_facts(spki);
}

// ---- names and extensions -------------------------------------------------------------------

std::string first_common_name(const std::vector<facts::NameAttribute>& attributes) {
    for (const auto& attribute : attributes) {
        if (attribute.oid == "2.5.4.3") {
            return attribute.value;
        }
    }
    return {};
}

const Botan::OID san_oid = Botan::OID::from_string("2.5.29.17");
const Botan::OID basic_constraints_oid = Botan::OID::from_string("2.5.29.19");
const Botan::OID crl_distribution_points_oid = Botan::OID::from_string("2.5.29.31");
const Botan::OID authority_info_access_oid = Botan::OID::from_string("1.3.6.1.5.5.7.1.1");

std::optional<std::vector<std::uint8_t>> extension_value(const Botan::Extensions& extensions, const Botan::OID& oid) {
    if (!extensions.extension_set(oid)) {
        return std::nullopt;
    }
    try {
        return extensions.get_extension_bits(oid);
    } catch (const std::exception&) {
        return std::nullopt;
    }
}

// The SAN from the raw extension, because Botan 2.19's AlternativeName drops otherName and IPv6.
void describe_san(const Botan::Extensions& extensions, bool& has_san, facts::SubjectAltName& san) {
    const auto value = extension_value(extensions, san_oid);
    has_san = value.has_value();
    if (value) {
        try {
            san = decode_subject_alt_name(*value);
        } catch (const std::exception&) {
            san = {};  // malformed: present but unreadable, as describe.hpp promises
        }
    }
}

std::vector<std::string> dotted(const std::vector<Botan::OID>& oids) {
    std::vector<std::string> out;
    for (const auto& oid : oids) {
        out.push_back(oid.to_string());
    }
    return out;
}

// RFC 5280 §4.2.1.3 bit names, in bit order.
std::vector<std::string> key_usage_names(Botan::Key_Constraints constraints) {
    static constexpr std::array<std::pair<Botan::Key_Constraints, const char*>, 9> names{{
        {Botan::DIGITAL_SIGNATURE, "digitalSignature"},
        {Botan::NON_REPUDIATION, "nonRepudiation"},
        {Botan::KEY_ENCIPHERMENT, "keyEncipherment"},
        {Botan::DATA_ENCIPHERMENT, "dataEncipherment"},
        {Botan::KEY_AGREEMENT, "keyAgreement"},
        {Botan::KEY_CERT_SIGN, "keyCertSign"},
        {Botan::CRL_SIGN, "cRLSign"},
        {Botan::ENCIPHER_ONLY, "encipherOnly"},
        {Botan::DECIPHER_ONLY, "decipherOnly"},
    }};
    std::vector<std::string> out;
    for (const auto& [bit, name] : names) {
        if ((constraints & bit) != 0) {
            out.emplace_back(name);
        }
    }
    return out;
}

// RFC 5280 §4.2.1.9 BasicConstraints ::= SEQUENCE { cA BOOLEAN DEFAULT FALSE, pathLenConstraint
// INTEGER OPTIONAL }, decoded directly: Botan's is_CA_cert() also folds in the key usage.
void describe_basic_constraints(const Botan::Extensions& extensions, facts::Certificate& out) {
    const auto value = extension_value(extensions, basic_constraints_oid);
    if (!value) {
        return;
    }
    try {
        Botan::BER_Decoder constraints = Botan::BER_Decoder(*value).start_cons(Botan::SEQUENCE);
        bool is_ca = false;
        constraints.decode_optional(is_ca, Botan::BOOLEAN, Botan::UNIVERSAL, false);
        out.is_ca = is_ca;
        if (constraints.more_items()) {
            std::size_t path_length = 0;
            constraints.decode(path_length);
            out.path_length = path_length;
        }
    } catch (const std::exception&) {
    }
}

// RFC 5280 §4.2.1.13. Botan 2.19 folds every distribution point into a single "URI: … " string
// (x509_ext.cpp, CRL_Distribution_Points::decode_inner), so the URLs are read here.
std::vector<std::string> crl_urls(const Botan::Extensions& extensions) {
    const auto value = extension_value(extensions, crl_distribution_points_oid);
    if (!value) {
        return {};
    }
    facts::SubjectAltName names;
    try {
        Botan::BER_Decoder points = Botan::BER_Decoder(*value).start_cons(Botan::SEQUENCE);
        while (points.more_items()) {
            Botan::BER_Decoder point = points.start_cons(Botan::SEQUENCE);
            const Botan::BER_Object name = point.get_next_object();
            point.discard_remaining().end_cons();
            // distributionPoint [0] DistributionPointName; fullName [0] GeneralNames. The
            // alternative, nameRelativeToCRLIssuer [1], holds no URL.
            if (!name.is_a(0, Botan::ASN1_Tag(Botan::CONTEXT_SPECIFIC | Botan::CONSTRUCTED))) {
                continue;
            }
            Botan::BER_Decoder point_name(name);
            const Botan::BER_Object full_name = point_name.get_next_object();
            if (!full_name.is_a(0, Botan::ASN1_Tag(Botan::CONTEXT_SPECIFIC | Botan::CONSTRUCTED))) {
                continue;
            }
            Botan::BER_Decoder general_names(full_name);
            while (general_names.more_items()) {
                detail::decode_general_name(general_names.get_next_object(), names);
            }
        }
    } catch (const std::exception&) {
        // Keep what was read before the malformed part.
    }
    return names.uri;
}

// RFC 5280 §4.2.2.1 AuthorityInfoAccessSyntax. Botan 2.19 keeps only the first OCSP responder
// (x509_ext.cpp, Authority_Information_Access::decode_inner), so every entry is read here.
void describe_authority_info_access(const Botan::Extensions& extensions, facts::Certificate& out) {
    const auto value = extension_value(extensions, authority_info_access_oid);
    if (!value) {
        return;
    }
    const Botan::OID ocsp = Botan::OID::from_string("1.3.6.1.5.5.7.48.1");
    const Botan::OID ca_issuers = Botan::OID::from_string("1.3.6.1.5.5.7.48.2");
    try {
        Botan::BER_Decoder descriptions = Botan::BER_Decoder(*value).start_cons(Botan::SEQUENCE);
        while (descriptions.more_items()) {
            Botan::BER_Decoder description = descriptions.start_cons(Botan::SEQUENCE);
            Botan::OID method;
            description.decode(method);
            facts::SubjectAltName location;
            detail::decode_general_name(description.get_next_object(), location);
            description.end_cons();
            std::vector<std::string>* urls = method == ocsp         ? &out.ocsp_urls
                                             : method == ca_issuers ? &out.ca_issuer_urls
                                                                    : nullptr;
            if (urls != nullptr) {
                urls->insert(urls->end(), location.uri.begin(), location.uri.end());
            }
        }
    } catch (const std::exception&) {
    }
}

// ---- times ----------------------------------------------------------------------------------

// Seconds since the epoch from the calendar fields. Botan's time_since_epoch() goes through
// time_t and throws for years before 1970, which real (broken) certificates do carry.
std::int64_t unix_seconds(const Botan::X509_Time& time) {
    try {
        int year = 0;
        unsigned month = 0, day = 0, hour = 0, minute = 0, second = 0;
        if (std::sscanf(time.readable_string().c_str(), "%d/%u/%u %u:%u:%u", &year, &month, &day, &hour, &minute,
                        &second) != 6) {
            return 0;
        }
        const auto days =
            std::chrono::sys_days(std::chrono::year(year) / std::chrono::month(month) / std::chrono::day(day));
        return days.time_since_epoch().count() * 86400 + hour * 3600 + minute * 60 + second;
    } catch (const std::exception&) {
        return 0;
    }
}

}  // namespace

facts::Certificate describe(const Botan::X509_Certificate& cert) {
    facts::Certificate out;
    // A certificate Botan read through a rendition (x509/rendition.hpp) is described as given.
    const auto original = original_of(cert);
    const std::vector<std::uint8_t> der = original ? original->der : cert.BER_encode();
    out.der_base64 = Botan::base64_encode(der);
    out.sha256 = detail::sha256_hex(der);
    // For an RSASSA-PSS key, the hash of its rsaEncryption form: the form Botan gives its private key.
    out.spki_sha256 = detail::sha256_hex(cert.subject_public_key_info());
    out.serial = detail::lower_hex(cert.serial_number());

    out.subject = original ? detail::format_dn(original->subject_name) : detail::format_dn(cert.subject_dn());
    out.issuer = original ? detail::format_dn(original->issuer_name) : detail::format_dn(cert.issuer_dn());
    out.subject_attributes =
        original ? detail::dn_attributes(original->subject_name) : detail::dn_attributes(cert.subject_dn());
    out.issuer_attributes =
        original ? detail::dn_attributes(original->issuer_name) : detail::dn_attributes(cert.issuer_dn());
    out.common_name = first_common_name(out.subject_attributes);

    out.not_before = unix_seconds(cert.not_before());
    out.not_after = unix_seconds(cert.not_after());

    const SignatureFacts signature = classify_signature(cert.signature_algorithm());
    out.signature_algorithm = signature.algorithm;
    out.signature_hash = signature.hash;

    const KeyFacts key = subject_key_facts([&] { return cache::subject_key(cert); }, cert.subject_public_key_info());
    out.key_algorithm = original && original->rsassa_pss_key ? "RSASSA-PSS" : key.algorithm;
    out.key_bits = key.bits;
    out.key_curve = key.curve;

    const Botan::Extensions& extensions = cert.v3_extensions();
    describe_san(extensions, out.has_san, out.san);
    out.extended_key_usage = dotted(cert.extended_key_usage());
    out.key_usage = key_usage_names(cert.constraints());
    describe_basic_constraints(extensions, out);
    out.crl_urls = crl_urls(extensions);
    describe_authority_info_access(extensions, out);

    // RFC 5280 §6.1: self-issued is a name property; self-signed also needs the signature to
    // verify with the certificate's own key (Botan's is_self_signed() trusts a SKI == AKI match).
    out.self_issued = cert.subject_dn() == cert.issuer_dn();
    out.self_signed = out.self_issued && cache::signed_by(cert, cert);
    return out;
}

facts::PrivateKey describe(const Botan::Private_Key& key) {
    facts::PrivateKey out;
    const KeyFacts info = key_facts(key);
    out.algorithm = info.algorithm;
    out.bits = info.bits;
    out.curve = info.curve;
    try {
        // Botan's SubjectPublicKeyInfo encoding (named curve, uncompressed point, NULL RSA
        // parameters) is the one OpenSSL writes, so it hashes equal to the certificate's.
        out.spki_sha256 = detail::sha256_hex(key.subject_public_key());
    } catch (const std::exception&) {
    }
    return out;
}

facts::CertificateRequest describe(const Botan::PKCS10_Request& request) {
    facts::CertificateRequest out;
    out.subject = detail::format_dn(request.subject_dn());
    out.subject_attributes = detail::dn_attributes(request.subject_dn());
    out.common_name = first_common_name(out.subject_attributes);

    // PKCS #10 §4.1 / RFC 2985 §5.4.2: requested extensions travel in the extensionRequest attribute.
    describe_san(request.extensions(), out.has_san, out.san);
    try {
        out.extended_key_usage = dotted(request.ex_constraints());
    } catch (const std::exception&) {
    }

    out.signature_hash = classify_signature(request.signature_algorithm()).hash;
    const KeyFacts key = subject_key_facts(
        [&] { return std::unique_ptr<Botan::Public_Key>(request.subject_public_key()); }, request.raw_public_key());
    out.key_algorithm = key.algorithm;
    out.key_bits = key.bits;
    out.key_curve = key.curve;
    out.spki_sha256 = detail::sha256_hex(request.raw_public_key());
    try {
        const std::unique_ptr<Botan::Public_Key> own_key(request.subject_public_key());
        out.signature_valid = own_key && request.check_signature(*own_key);
    } catch (const std::exception&) {
    }
    return out;
}

}  // namespace mra::x509
