#include "probe/tls/openssl_handshake.hpp"

#include <curl/curl.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>

#include <algorithm>
#include <chrono>
#include <memory>
#include <mutex>

#include "util/one_line.hpp"
#include "x509/cache.hpp"

namespace mra::probe::tls {
namespace {

std::string bracketed(const std::string& address) {
    return address.find(':') != std::string::npos ? "[" + address + "]" : address;
}

struct Easy {
    CURL* curl = curl_easy_init();
    curl_slist* resolve = nullptr;
    char error[CURL_ERROR_SIZE] = {};
    ~Easy() {
        if (curl) curl_easy_cleanup(curl);
        curl_slist_free_all(resolve);
    }
};

std::vector<Botan::X509_Certificate> presented_by(SSL* ssl) {
    std::vector<Botan::X509_Certificate> chain;
    STACK_OF(X509)* certificates = SSL_get_peer_cert_chain(ssl);  // the client's view: leaf included
    for (int i = 0; certificates && i < sk_X509_num(certificates); ++i) {
        unsigned char* der = nullptr;
        const int length = i2d_X509(sk_X509_value(certificates, i), &der);
        if (length <= 0) continue;
        const std::unique_ptr<unsigned char, void (*)(unsigned char*)> owned(der,
                                                                             [](unsigned char* p) { OPENSSL_free(p); });
        chain.push_back(x509::cache::certificate(std::vector<std::uint8_t>(der, der + length)));
    }
    return chain;
}

// What OpenSSL negotiated, read when its handshake is done (SSL_CB_HANDSHAKE_DONE): libcurl keeps
// the session to itself, so the probe's callback on the SSL_CTX libcurl creates records it.
struct Negotiated {
    bool done = false;
    std::string protocol_version;
    std::string cipher_suite;
    std::vector<Botan::X509_Certificate> presented;
    std::string error;
};

void on_state(const SSL* ssl, int where, int) {
    if (!(where & SSL_CB_HANDSHAKE_DONE)) return;
    auto* seen = static_cast<Negotiated*>(SSL_CTX_get_app_data(SSL_get_SSL_CTX(ssl)));
    if (!seen || seen->done) return;
    seen->done = true;
    seen->protocol_version = botan_version_name(SSL_get_version(ssl));
    if (const SSL_CIPHER* cipher = SSL_get_current_cipher(ssl)) seen->cipher_suite = SSL_CIPHER_standard_name(cipher);
    try {
        seen->presented = presented_by(const_cast<SSL*>(ssl));
    } catch (const std::exception& e) {
        seen->error = "a certificate OpenSSL received could not be decoded: " + one_line(e.what());
    }
}

CURLcode watch_context(CURL*, void* context, void* negotiated) {
    SSL_CTX_set_app_data(static_cast<SSL_CTX*>(context), negotiated);
    SSL_CTX_set_info_callback(static_cast<SSL_CTX*>(context), on_state);
    return CURLE_OK;
}

facts::TransportOutcome outcome_of(CURLcode code) {
    switch (code) {
        case CURLE_COULDNT_CONNECT:
            return facts::TransportOutcome::refused;
        case CURLE_OPERATION_TIMEDOUT:
            return facts::TransportOutcome::timeout;
        case CURLE_RECV_ERROR:
        case CURLE_SEND_ERROR:
        case CURLE_GOT_NOTHING:
            return facts::TransportOutcome::reset;
        default:
            return facts::TransportOutcome::tls_failure;
    }
}

}  // namespace

std::string botan_version_name(std::string_view openssl_name) {
    if (openssl_name.starts_with("TLSv")) return "TLS v" + std::string(openssl_name.substr(4));
    if (openssl_name == "SSLv3") return "SSL v3";
    return std::string(openssl_name);
}

OpensslHandshake handshake_with_openssl(const std::string& host, std::uint16_t port, const std::string& address,
                                        const Deadline& deadline) {
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
    OpensslHandshake result;
    Easy easy;
    if (!easy.curl) {
        result.error = "OpenSSL handshake: libcurl could not start";
        return result;
    }
    // The address the probe chose, so that curl never asks the system's resolver.
    const std::string entry = host + ":" + std::to_string(port) + ":" + bracketed(address);
    easy.resolve = curl_slist_append(nullptr, entry.c_str());
    CURL* curl = easy.curl;
    const std::string url = "https://" + host + ":" + std::to_string(port) + "/";
    const long budget = std::max<long>(1, deadline.remaining().count());
    curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
    curl_easy_setopt(curl, CURLOPT_RESOLVE, easy.resolve);
    curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, easy.error);
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "https");
    curl_easy_setopt(curl, CURLOPT_CONNECT_ONLY, 1L);  // the handshake and nothing else
    curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, budget);
    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, budget);
    // For looking, like the Botan probe's policy: every version OpenSSL has, every suite, no trust.
    curl_easy_setopt(curl, CURLOPT_SSLVERSION, static_cast<long>(CURL_SSLVERSION_TLSv1_0));
    curl_easy_setopt(curl, CURLOPT_SSL_CIPHER_LIST, "ALL:@SECLEVEL=0");
    curl_easy_setopt(curl, CURLOPT_SSL_VERIFYPEER, 0L);
    curl_easy_setopt(curl, CURLOPT_SSL_VERIFYHOST, 0L);
    Negotiated seen;
    curl_easy_setopt(curl, CURLOPT_SSL_CTX_FUNCTION, watch_context);
    curl_easy_setopt(curl, CURLOPT_SSL_CTX_DATA, &seen);
    curl_easy_setopt(curl, CURLOPT_SSL_SESSIONID_CACHE, 0L);

    const auto started = Deadline::Clock::now();
    const CURLcode code = curl_easy_perform(curl);
    result.handshake_ms = milliseconds_since(started);
    if (code != CURLE_OK) {
        result.outcome = outcome_of(code);
        result.error = "OpenSSL handshake with " + bracketed(address) + ":" + std::to_string(port) + ": " +
                       one_line(easy.error[0] ? easy.error : curl_easy_strerror(code));
        return result;
    }
    if (!seen.done) {
        result.error = "OpenSSL handshake: completed without OpenSSL reporting it";
        return result;
    }
    result.outcome = facts::TransportOutcome::established;
    result.protocol_version = seen.protocol_version;
    result.cipher_suite = seen.cipher_suite;
    result.presented = std::move(seen.presented);
    if (!seen.error.empty()) result.error = seen.error;
    return result;
}

}  // namespace mra::probe::tls
