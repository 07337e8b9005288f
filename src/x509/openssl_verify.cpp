#include "x509/openssl_verify.hpp"

#include <openssl/err.h>
#include <openssl/x509.h>
#include <openssl/x509_vfy.h>

#include <ctime>
#include <memory>

namespace mra::x509::openssl {

namespace {

struct Free {
    void operator()(X509* cert) const { X509_free(cert); }
    void operator()(X509_STORE* store) const { X509_STORE_free(store); }
    void operator()(X509_STORE_CTX* context) const { X509_STORE_CTX_free(context); }
    void operator()(STACK_OF(X509) * certs) const { sk_X509_free(certs); }
};
template <typename T>
using Owned = std::unique_ptr<T, Free>;

Owned<X509> parse(const std::vector<std::uint8_t>& der) {
    const unsigned char* bytes = der.data();
    return Owned<X509>(d2i_X509(nullptr, &bytes, static_cast<long>(der.size())));
}

// OpenSSL queues the reasons for a failure; nothing here reads them, and the next caller must
// not find them.
struct ClearErrors {
    ~ClearErrors() { ERR_clear_error(); }
};

}  // namespace

bool signature_verifies(const std::vector<std::uint8_t>& der, const std::vector<std::uint8_t>& signer_der) {
    const ClearErrors clear;
    const auto cert = parse(der);
    const auto signer = parse(signer_der);
    EVP_PKEY* key = signer ? X509_get0_pubkey(signer.get()) : nullptr;
    return cert && key && X509_verify(cert.get(), key) == 1;
}

PathAnswer validate_path(const std::vector<std::vector<std::uint8_t>>& presented,
                         const std::vector<std::vector<std::uint8_t>>& anchors, std::int64_t at) {
    const ClearErrors clear;
    PathAnswer answer;
    const Owned<X509_STORE> store(X509_STORE_new());
    const Owned<STACK_OF(X509)> untrusted(sk_X509_new_null());
    const Owned<X509_STORE_CTX> context(X509_STORE_CTX_new());
    if (!store || !untrusted || !context || presented.empty()) {
        answer.result = "validation failed: out of memory";
        return answer;
    }
    std::vector<Owned<X509>> anchor_certs, certs;
    for (const auto& der : anchors) {
        anchor_certs.push_back(parse(der));
        if (anchor_certs.back()) X509_STORE_add_cert(store.get(), anchor_certs.back().get());
    }
    for (const auto& der : presented) {
        certs.push_back(parse(der));
        if (!certs.back()) {
            answer.result = "validation failed: OpenSSL cannot decode a presented certificate";
            return answer;
        }
        if (certs.size() > 1) sk_X509_push(untrusted.get(), certs.back().get());
    }
    if (X509_STORE_CTX_init(context.get(), store.get(), certs.front().get(), untrusted.get()) != 1) {
        answer.result = "validation failed: OpenSSL could not start";
        return answer;
    }
    // No purpose and no host name are set; the authentication level stays at its default for a
    // bare store context (no hash or key size limit), as in Botan's relaxed restrictions.
    X509_VERIFY_PARAM* parameters = X509_STORE_CTX_get0_param(context.get());
    X509_VERIFY_PARAM_set_time(parameters, static_cast<std::time_t>(at));
    X509_VERIFY_PARAM_set_flags(parameters, X509_V_FLAG_PARTIAL_CHAIN);
    answer.trusted = X509_verify_cert(context.get()) == 1;
    if (!answer.trusted) {
        answer.result = X509_verify_cert_error_string(X509_STORE_CTX_get_error(context.get()));
        return answer;
    }
    answer.result = "Verified";
    STACK_OF(X509)* path = X509_STORE_CTX_get0_chain(context.get());
    X509* top = sk_X509_value(path, sk_X509_num(path) - 1);
    for (std::size_t i = 0; i < anchor_certs.size(); ++i) {
        if (anchor_certs[i] && X509_cmp(top, anchor_certs[i].get()) == 0) answer.anchor = i;
    }
    return answer;
}

}  // namespace mra::x509::openssl
