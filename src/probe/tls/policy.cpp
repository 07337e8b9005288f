#include "probe/tls/policy.hpp"

// Line numbers below refer to Botan 2.19.3, src/lib/tls/.

namespace mra::probe::tls {

// TLS 1.0 and 1.1 are offered as well as 1.2 (the highest we offer, and what any current server
// picks). An edge that only speaks 1.0/1.1 (RFC 8996 deprecates both) then still completes the
// handshake, and the report says "TLS v1.0" with the chain, instead of an opaque protocol_version
// alert with no chain. Offering 1.2 as the maximum means Botan sends no TLS_FALLBACK_SCSV
// (tls_policy.cpp:273), and a server that answers below what we offered is still checked for the
// RFC 8446 §4.1.3 downgrade sentinel (tls_client.cpp:335).
bool ProbePolicy::allow_tls10() const {
    return true;
}
bool ProbePolicy::allow_tls11() const {
    return true;
}

// AEAD first (the default list, tls_policy.cpp:42), then the CBC suites that TLS 1.0/1.1 require and
// older configurations still run. The negotiated suite is recorded; judging it is a check's job.
std::vector<std::string> ProbePolicy::allowed_ciphers() const {
    return {"ChaCha20Poly1305", "AES-256/GCM", "AES-128/GCM", "AES-256/CCM",
            "AES-128/CCM",      "AES-256",     "AES-128",     "3DES"};
}

// Forward-secret key exchange first; static RSA (off by default, tls_policy.cpp:102) last, for
// servers that offer nothing else.
std::vector<std::string> ProbePolicy::allowed_key_exchange_methods() const {
    return {"ECDH", "DH", "RSA"};
}

std::vector<std::string> ProbePolicy::allowed_signature_methods() const {
    return {"ECDSA", "RSA", "DSA"};
}

// These hashes go into the signature_algorithms extension (msg_client_hello.cpp:123) and bound the
// server's ServerKeyExchange signature (tls_handshake_state.cpp:559): SHA-1 is added (RFC 5246
// §7.4.1.4.1 makes it the implicit default). They do NOT concern the signatures on certificates:
// TLS 1.2 has no MD5 signature scheme at all (tls_algos.h), and certificate signatures are only
// judged in tls_verify_cert_chain (tls_callbacks.cpp:53), which TlsSession overrides to capture.
std::vector<std::string> ProbePolicy::allowed_signature_hashes() const {
    return {"SHA-512", "SHA-384", "SHA-256", "SHA-1"};
}

// check_peer_key_acceptable (tls_policy.cpp:231) runs on the server's certificate key when the
// ServerKeyExchange is verified (msg_server_kex.cpp:304) and on DH/ECDH shares (tls_callbacks.cpp:137,
// 166, 181). With the defaults a 1024-bit RSA or P-192 leaf aborts the handshake before anything is
// recorded; cert.key-strength reports it instead.
std::size_t ProbePolicy::minimum_rsa_bits() const {
    return 0;
}
std::size_t ProbePolicy::minimum_ecdsa_group_size() const {
    return 0;
}
std::size_t ProbePolicy::minimum_dh_group_size() const {
    return 0;
}
std::size_t ProbePolicy::minimum_dsa_group_size() const {
    return 0;
}

// Only read by Botan's own tls_verify_cert_chain (tls_callbacks.cpp:64), which the probe replaces;
// relaxed anyway so that no code path can reject a chain for them.
std::size_t ProbePolicy::minimum_signature_strength() const {
    return 0;
}
bool ProbePolicy::require_cert_revocation_info() const {
    return false;
}

// Botan's default (true, tls_policy.cpp:208) demands OCSP or CRL data for every certificate; the TLS
// client fetches none (tls_verify_cert_chain_ocsp_timeout is 0) and a CA bundle carries no CRLs, so
// every chain without a stapled response would fail. Revocation is not what strict mode is for.
bool StrictPolicy::require_cert_revocation_info() const {
    return false;
}

}  // namespace mra::probe::tls
