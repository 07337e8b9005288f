#pragma once
// The second TLS stack of the TLS probe: OpenSSL, through the libcurl the HTTPS probe already uses.
// Botan 2 speaks TLS 1.0 to 1.2 only; an Expressway-E that speaks only TLS 1.3 refuses its
// ClientHello, yet its chain must still be captured and judged. OpenSSL speaks 1.0 to 1.3.

#include <botan/x509cert.h>

#include <cstdint>
#include <string>
#include <vector>

#include "facts/tls.hpp"
#include "util/deadline.hpp"

namespace mra::probe::tls {

struct OpensslHandshake {
    facts::TransportOutcome outcome = facts::TransportOutcome::tls_failure;
    std::string error;                               // one line, empty when established
    std::string protocol_version;                    // as Botan writes it: "TLS v1.3"
    std::string cipher_suite;                        // IANA name
    std::vector<Botan::X509_Certificate> presented;  // leaf first, as sent
    std::int64_t handshake_ms = 0;
};

// Connects to `address`:`port` with SNI `host`, completes a handshake that verifies nothing and
// accepts TLS 1.0 to 1.3 at OpenSSL security level 0, records what was negotiated and presented, and
// closes. Sends no request. Never throws.
OpensslHandshake handshake_with_openssl(const std::string& host, std::uint16_t port, const std::string& address,
                                        const Deadline& deadline);

// "TLSv1.3" (OpenSSL) → "TLS v1.3" (Botan), so that the facts name a version one way.
std::string botan_version_name(std::string_view openssl_name);

}  // namespace mra::probe::tls
