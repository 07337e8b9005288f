#pragma once
// What is costly to redo for a certificate, key or signature met again, done once per process. A
// batch of chains or a fleet run meets the same intermediates and roots over and over, and Botan
// 2.19 decodes a public key afresh on every X509_Certificate::load_subject_public_key() call (for
// RSA, the Montgomery set-up of the modulus is most of the cost of analysing a chain); its path
// validation (x509path.cpp, PKIX::check_chain) decodes every issuer's key once more.
//
// Entries are found by the SHA-256 of the encodings they are computed from, so a hit is the same
// input. Every cache keeps the most recently used entries up to a fixed count, and is safe to share
// between threads.

#include <botan/pk_keys.h>
#include <botan/x509_obj.h>
#include <botan/x509cert.h>

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "facts/certificate.hpp"

namespace mra::x509::cache {

// On by default. Off, every function below computes afresh: the reference the tests hold the
// cached answers to.
void set_enabled(bool enabled);

// Botan::X509_Certificate(der), decoded once per distinct encoding. Throws what Botan throws.
Botan::X509_Certificate certificate(const std::vector<std::uint8_t>& der);

// The subject public key, decoded once per distinct SubjectPublicKeyInfo; null when Botan cannot
// load it (an unsupported algorithm, a malformed key).
std::shared_ptr<const Botan::Public_Key> subject_key(const Botan::X509_Certificate& cert);

// `object` (a certificate or request) carries a valid signature by `signer`'s key: verified once per
// signer key and signed object. Never throws: an unreadable key or an unsupported algorithm is
// "does not verify".
bool signed_by(const Botan::X509_Object& object, const Botan::X509_Certificate& signer);

// describe(cert) (x509/describe.hpp), once per distinct certificate.
facts::Certificate description(const Botan::X509_Certificate& cert);

// The path validation answer found under `key` (which names everything the answer depends on),
// `validate()` when there is none yet. `validate` must not throw.
facts::Chain::Trust trust(const std::string& key, const std::function<facts::Chain::Trust()>& validate);

// SHA-256 of `bytes`, raw: the form every key above takes.
std::string digest(const std::vector<std::uint8_t>& bytes);

}  // namespace mra::x509::cache
