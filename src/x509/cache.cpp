#include "x509/cache.hpp"

#include <botan/hash.h>

#include <atomic>
#include <exception>
#include <list>
#include <mutex>
#include <unordered_map>
#include <utility>

#include "x509/describe.hpp"
#include "x509/openssl_verify.hpp"
#include "x509/rendition.hpp"

namespace mra::x509::cache {
namespace {

std::atomic<bool> enabled{true};

// At most `capacity` values, the least recently used dropped first. A value is computed outside the
// lock: two threads that miss the same key at once both compute it, and the first one stays.
template <typename Value>
class Recent {
public:
    explicit Recent(std::size_t capacity) : m_capacity(capacity) {}

    template <typename Compute>
    Value get(const std::string& key, Compute compute) {
        if (!enabled) {
            return compute();
        }
        {
            const std::lock_guard lock(m_mutex);
            if (const auto found = m_entries.find(key); found != m_entries.end()) {
                m_order.splice(m_order.begin(), m_order, found->second.second);
                return found->second.first;
            }
        }
        Value value = compute();
        const std::lock_guard lock(m_mutex);
        if (!m_entries.contains(key)) {
            m_order.push_front(key);
            m_entries.emplace(key, std::make_pair(value, m_order.begin()));
            if (m_entries.size() > m_capacity) {
                m_entries.erase(m_order.back());
                m_order.pop_back();
            }
        }
        return value;
    }

private:
    std::size_t m_capacity;
    std::mutex m_mutex;
    std::list<std::string> m_order;  // most recently used first
    std::unordered_map<std::string, std::pair<Value, std::list<std::string>::iterator>> m_entries;
};

// Enough for every certificate of a few hundred deployments; a few MiB when full.
constexpr std::size_t capacity = 1024;

struct Caches {
    Recent<Botan::X509_Certificate> certificates{capacity};
    Recent<std::shared_ptr<const Botan::Public_Key>> keys{capacity};
    Recent<bool> signatures{4 * capacity};
    Recent<facts::Certificate> descriptions{capacity};
    Recent<facts::Chain::Trust> trust{capacity};
};

// Never destroyed: Botan's keys hold memory from Botan's own pool (secure_vector), which may be
// gone by the time static objects of this file would be destroyed at exit.
Caches& caches() {
    static auto* const instance = new Caches;
    return *instance;
}

}  // namespace

void set_enabled(bool on) {
    enabled = on;
}

std::string digest(const std::vector<std::uint8_t>& bytes) {
    const auto hash = Botan::HashFunction::create_or_throw("SHA-256");
    hash->update(bytes);
    const auto out = hash->final();
    return {out.begin(), out.end()};
}

Botan::X509_Certificate certificate(const std::vector<std::uint8_t>& der) {
    return caches().certificates.get(digest(der), [&] { return decode_certificate(der); });
}

std::shared_ptr<const Botan::Public_Key> subject_key(const Botan::X509_Certificate& cert) {
    return caches().keys.get(digest(cert.subject_public_key_info()), [&]() -> std::shared_ptr<const Botan::Public_Key> {
        try {
            return cert.load_subject_public_key();
        } catch (const std::exception&) {
            return nullptr;
        }
    });
}

bool signed_by(const Botan::X509_Object& object, const Botan::X509_Certificate& signer) {
    try {
        // The signer's key and the whole signed object (to-be-signed part, algorithm, signature):
        // for a certificate, the SHA-256 fingerprint Botan computed when it decoded it.
        const auto* cert = dynamic_cast<const Botan::X509_Certificate*>(&object);
        const std::string key = digest(signer.subject_public_key_info()) +
                                (cert != nullptr ? cert->fingerprint("SHA-256") : digest(object.BER_encode()));
        return caches().signatures.get(key, [&] {
            try {
                if (cert != nullptr) {
                    if (const auto original = original_of(*cert)) {
                        return openssl::signature_verifies(original->der, encoding_of(signer));
                    }
                }
                const auto key = subject_key(signer);
                return key && object.verify_signature(*key) == Botan::Certificate_Status_Code::VERIFIED;
            } catch (const std::exception&) {
                return false;
            }
        });
    } catch (const std::exception&) {
        return false;
    }
}

facts::Certificate description(const Botan::X509_Certificate& cert) {
    // Botan computes the SHA-256 fingerprint of the encoding when it decodes a certificate.
    return caches().descriptions.get(cert.fingerprint("SHA-256"), [&] { return describe(cert); });
}

facts::Chain::Trust trust(const std::string& key, const std::function<facts::Chain::Trust()>& validate) {
    return caches().trust.get(key, validate);
}

}  // namespace mra::x509::cache
