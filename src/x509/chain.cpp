#include "x509/chain.hpp"

#include <botan/x509path.h>

#include <algorithm>
#include <chrono>
#include <exception>
#include <set>
#include <utility>

#include "x509/cache.hpp"
#include "x509/detail.hpp"
#include "x509/load.hpp"
#include "x509/openssl_verify.hpp"
#include "x509/rendition.hpp"

namespace mra::x509 {

namespace {

// Debian's ca-certificates bundle, the file the system's TLS clients read.
constexpr const char* system_bundle = "/etc/ssl/certs/ca-certificates.crt";

bool store_holds(const Botan::Certificate_Store& store, const Botan::X509_Certificate& cert) {
    const auto same_subject = store.find_all_certs(cert.subject_dn(), {});
    return std::any_of(same_subject.begin(), same_subject.end(),
                       [&](const auto& candidate) { return *candidate == cert; });
}

// The store can vouch for `top`: it holds `top` itself, or a certificate named as `top`'s issuer
// whose key verifies `top`'s signature. Key identifiers are not required to match (RFC 5280
// §4.2.1.1 makes the AKI optional in practice), the signature decides.
bool store_vouches_for(const Botan::Certificate_Store& store, const Botan::X509_Certificate& top) {
    if (store_holds(store, top)) {
        return true;
    }
    const auto issuers = store.find_all_certs(top.issuer_dn(), {});
    return std::any_of(issuers.begin(), issuers.end(),
                       [&](const auto& issuer) { return cache::signed_by(top, *issuer); });
}

// Restrictions that let a path with MD5 or SHA-1 signatures, or small keys, still validate, so
// that the trust verdict is about the path alone and cert.signature-hash / cert.key-strength
// judge the rest. Botan 2.19 x509path.cpp, PKIX::check_chain:
//  - `issuer_key->estimated_strength() < min_signature_algo_strength` → SIGNATURE_METHOD_TOO_WEAK,
//    so the minimum is 0;
//  - `if(trusted_hashes.size() > 0 && !at_self_signed_root)` → UNTRUSTED_HASH for a hash outside
//    the set. An empty set switches that test off for every hash (MD5, SHA-1 — "SHA-160" to Botan —
//    SHA-2 and any other), and also keeps Botan from calling hash_used_for_signature(), which
//    throws Internal_Error for a signature OID it names without a "/" (x509_obj.cpp).
// MD5 signatures themselves still verify: the build has MD5 and EMSA3(MD5) (x509_obj.cpp,
// X509_Object::verify_signature) — the md5 fixture test proves it.
std::chrono::system_clock::time_point as_time_point(std::int64_t unix_seconds) {
    return std::chrono::system_clock::time_point(std::chrono::seconds(unix_seconds));
}

const Botan::Path_Validation_Restrictions& relaxed_restrictions() {
    static const Botan::Path_Validation_Restrictions restrictions(false, 0, false, std::set<std::string>());
    return restrictions;
}

// Botan refuses to build a path whose end entity is self-signed (x509path.cpp,
// build_all_certificate_paths: `if(end_entity->is_self_signed()) return CANNOT_ESTABLISH_TRUST`),
// even when that very certificate is in the trust store. Expressway does trust a self-signed
// certificate uploaded to its trust list (the CUCM tomcat/CallManager case: "Configure and
// Troubleshoot Collaboration Edge (MRA) Certificates", Cisco TAC document 213872),
// so a leaf pinned that way is checked on its own.
Botan::Path_Validation_Result validate_pinned(const Botan::X509_Certificate& leaf, std::int64_t at) {
    std::vector<std::shared_ptr<const Botan::X509_Certificate>> path{
        std::make_shared<const Botan::X509_Certificate>(leaf)};
    auto status = Botan::PKIX::check_chain(path, as_time_point(at), "", Botan::Usage_Type::UNSPECIFIED,
                                           relaxed_restrictions().minimum_key_strength(),
                                           relaxed_restrictions().trusted_hashes());
    return Botan::Path_Validation_Result(std::move(status), std::move(path));
}

// A certificate Botan read through a rendition does not carry the signature its issuer made over
// it (x509/rendition.hpp); a path through one is validated on the original encodings by OpenSSL.
bool involves_rendition(const std::vector<Botan::X509_Certificate>& presented, const TrustStore& trust) {
    const auto is_rendition = [](const Botan::X509_Certificate& cert) { return original_of(cert) != nullptr; };
    return std::any_of(presented.begin(), presented.end(), is_rendition) ||
           std::any_of(trust.anchors().begin(), trust.anchors().end(), is_rendition);
}

facts::Chain::Trust validate_with_openssl(const std::vector<Botan::X509_Certificate>& presented,
                                          const TrustStore& trust, std::int64_t at) {
    std::vector<std::vector<std::uint8_t>> chain, anchors;
    for (const auto& cert : presented) chain.push_back(encoding_of(cert));
    for (const auto& cert : trust.anchors()) anchors.push_back(encoding_of(cert));
    const openssl::PathAnswer answer = openssl::validate_path(chain, anchors, at);
    facts::Chain::Trust out;
    out.trusted = answer.trusted;
    out.result = answer.result;
    if (answer.anchor) {
        const auto& anchor = trust.anchors()[*answer.anchor];
        const auto original = original_of(anchor);
        out.anchor = original ? detail::format_dn(original->subject_name) : detail::format_dn(anchor.subject_dn());
    }
    return out;
}

facts::Chain::Trust validate_uncached(const std::vector<Botan::X509_Certificate>& presented, bool pinned_self_signed,
                                      const TrustStore& trust, std::int64_t at) {
    if (involves_rendition(presented, trust)) {
        return validate_with_openssl(presented, trust, at);
    }
    facts::Chain::Trust out;
    try {
        // No hostname and no usage: cert.hostname and cert.eku judge those, with their own messages.
        const auto result = pinned_self_signed
                                ? validate_pinned(presented.front(), at)
                                : Botan::x509_path_validate(presented, relaxed_restrictions(), trust.store(), "",
                                                            Botan::Usage_Type::UNSPECIFIED, as_time_point(at));
        out.trusted = result.successful_validation();
        out.result = result.result_string();
        if (out.trusted) {
            out.anchor = detail::format_dn(result.trust_root().subject_dn());
        }
    } catch (const std::exception& e) {
        // Botan throws on some malformed input during validation; that is "not trusted", with why.
        out.trusted = false;
        out.result = std::string("validation failed: ") + e.what();
    }
    return out;
}

// Everything the answer of validate_uncached() depends on. Botan's validation reads the time only
// to compare it with each certificate's notBefore and notAfter (x509path.cpp, PKIX::check_chain;
// no revocation is checked here), so the key holds those comparisons rather than the time: a fleet
// run validates the same chains second after second.
std::string validation_key(const std::vector<Botan::X509_Certificate>& presented, bool pinned_self_signed,
                           const TrustStore& trust, std::int64_t at) {
    const Botan::X509_Time when(as_time_point(at));
    std::string key = trust.validation_context(when);
    key += pinned_self_signed ? "pinned" : "path";
    for (const auto& cert : presented) {
        key += '|' + cert.fingerprint("SHA-256");
        key += when < cert.not_before() ? '<' : '=';
        key += when > cert.not_after() ? '>' : '=';
    }
    return key;
}

facts::Chain::Trust validate(const std::vector<Botan::X509_Certificate>& presented, bool pinned_self_signed,
                             const TrustStore& trust, std::int64_t at) {
    const auto compute = [&] { return validate_uncached(presented, pinned_self_signed, trust, at); };
    facts::Chain::Trust out;
    try {
        out = cache::trust(validation_key(presented, pinned_self_signed, trust, at), compute);
    } catch (const std::exception&) {
        out = compute();  // a time Botan cannot represent: validate_uncached says what it makes of it
    }
    out.store = trust.description();
    out.evaluated_at = at;
    return out;
}

}  // namespace

TrustStore::TrustStore(const std::vector<Botan::X509_Certificate>& anchors, std::string description)
    : m_anchors(anchors), m_description(std::move(description)) {
    auto store = std::make_shared<Botan::Certificate_Store_In_Memory>();
    std::string fingerprints;
    for (const auto& cert : anchors) {
        store->add_certificate(cert);
        fingerprints += cert.fingerprint("SHA-256");
        m_validity_bounds.push_back(cert.not_before());
        m_validity_bounds.push_back(cert.not_after());
    }
    m_store = std::move(store);
    m_anchors_digest = cache::digest(std::vector<std::uint8_t>(fingerprints.begin(), fingerprints.end()));
    std::sort(m_validity_bounds.begin(), m_validity_bounds.end());
}

TrustStore TrustStore::from_file(const std::string& path) {
    return TrustStore(read_certificates(read_file(path), path), path);
}

TrustStore TrustStore::system() {
    return TrustStore(read_certificates(read_file(system_bundle), system_bundle), "system");
}

std::string TrustStore::validation_context(const Botan::X509_Time& at) const {
    const auto bound = std::lower_bound(m_validity_bounds.begin(), m_validity_bounds.end(), at);
    const bool equal = bound != m_validity_bounds.end() && !(at < *bound);
    return m_anchors_digest + std::to_string(bound - m_validity_bounds.begin()) + (equal ? "=" : "<") + "|";
}

facts::Chain analyse_chain(std::vector<Botan::X509_Certificate> presented, const TrustStore& trust, std::int64_t at) {
    facts::Chain chain;
    facts::keep_first(presented, "certificates", chain.cuts);  // the path walk below is quadratic
    for (const auto& cert : presented) {
        chain.presented.push_back(cache::description(cert));
    }
    if (presented.empty()) {
        chain.trust.store = trust.description();
        chain.trust.evaluated_at = at;
        chain.trust.result = "no certificate presented";
        return chain;
    }

    // A certificate sent twice is reported once as a duplicate and never used again.
    std::vector<bool> used(presented.size(), false);
    for (std::size_t i = 1; i < presented.size(); ++i) {
        const auto first =
            std::find(presented.begin(), presented.begin() + static_cast<std::ptrdiff_t>(i), presented[i]);
        if (first != presented.begin() + static_cast<std::ptrdiff_t>(i)) {
            chain.duplicates.push_back(i);
            used[i] = true;
        }
    }

    // RFC 5246 §7.4.2 / RFC 8446 §4.4.2: each certificate should certify the one before it. The
    // path is rebuilt from the leaf by issuer name and signature, whatever order it came in. Each
    // step takes an unused certificate, so the walk ends after at most presented.size() steps.
    chain.path.push_back(0);
    used[0] = true;
    for (std::size_t current = 0; !chain.presented[current].self_signed;) {
        std::size_t next = presented.size();
        for (std::size_t j = 0; j < presented.size() && next == presented.size(); ++j) {
            if (!used[j] && presented[current].issuer_dn() == presented[j].subject_dn() &&
                cache::signed_by(presented[current], presented[j])) {
                next = j;
            }
        }
        if (next == presented.size()) {
            break;
        }
        chain.path.push_back(next);
        used[next] = true;
        current = next;
    }
    for (std::size_t i = 0; i < presented.size(); ++i) {
        if (!used[i]) {  // neither on the path nor a duplicate
            chain.unrelated.push_back(i);
        }
    }

    chain.top_issuer_in_store = store_vouches_for(trust.store(), presented[chain.path.back()]);
    const bool pinned_self_signed =
        chain.presented.front().self_signed && store_holds(trust.store(), presented.front());
    chain.trust = validate(presented, pinned_self_signed, trust, at);
    return chain;
}

}  // namespace mra::x509
