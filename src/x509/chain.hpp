#pragma once
// Chain ordering and path validation.

#include <botan/certstor.h>
#include <botan/x509cert.h>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "facts/certificate.hpp"

namespace mra::x509 {

// The trust anchors a chain is validated against: a PEM bundle (--ca-bundle) or the system store.
class TrustStore {
public:
    static TrustStore from_file(const std::string& path);  // InputError when unreadable or holds no certificate
    static TrustStore system();                            // /etc/ssl/certs (ca-certificates)
    const Botan::Certificate_Store& store() const { return *m_store; }
    const std::string& description() const { return m_description; }

    // What a path validation against this store depends on besides the chain: the anchors (their
    // digest) and which of the anchors' notBefore/notAfter instants `at` precedes, equals or follows.
    std::string validation_context(const Botan::X509_Time& at) const;

    const std::vector<Botan::X509_Certificate>& anchors() const { return m_anchors; }

private:
    TrustStore(const std::vector<Botan::X509_Certificate>& anchors, std::string description);
    std::vector<Botan::X509_Certificate> m_anchors;
    std::shared_ptr<Botan::Certificate_Store> m_store;
    std::string m_description;
    std::string m_anchors_digest;                     // SHA-256 over the anchors' fingerprints
    std::vector<Botan::X509_Time> m_validity_bounds;  // every anchor's notBefore and notAfter, sorted
};

// `presented[0]` is the leaf; the rest is an unordered bag (or a TLS chain in sent order).
// Orders the path leaf → issuer → … by name and signature, notes duplicates and unrelated
// certificates, and validates the path against `trust` as of `at` (Unix seconds). Signature
// hash strength and key size are NOT judged here (restrictions are relaxed so that MD5/SHA-1 and
// small keys do not mask the trust answer): the cert.signature-hash and cert.key-strength checks
// judge them. Only the first facts::max_listed certificates are kept (chain.cuts says so).
facts::Chain analyse_chain(std::vector<Botan::X509_Certificate> presented, const TrustStore& trust, std::int64_t at);

}  // namespace mra::x509
