#pragma once
// What one TLS connection to an endpoint showed: transport outcome, negotiated parameters and the
// presented chain (captured even when it does not verify). Filled by src/probe/tls.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "facts/certificate.hpp"

namespace mra::facts {

// Where a connection attempt ended. `established` means the TLS handshake completed (the chain
// may still be untrusted: that is the checks' business, not the probe's).
enum class TransportOutcome {
    established,
    not_resolved,    // no address to connect to
    not_public,      // the external view gives only addresses the internet cannot reach: never connected to
    refused,         // TCP RST on connect
    unreachable,     // no route / host unreachable
    timeout,         // nothing within the deadline (connect or handshake)
    reset,           // the peer closed or reset during the handshake
    tls_failure,     // a TLS alert or a handshake the client could not complete
    protocol_error,  // the peer spoke something that is not TLS (or not the expected protocol)
};

struct TlsEndpoint {
    std::string service;  // "collab-edge", "sip", "xmpp" — what the client uses it for
    std::string host;     // the name the client connects to (SRV target), used for SNI
    std::uint16_t port = 0;
    std::string address;  // the address actually connected to
    TransportOutcome outcome = TransportOutcome::timeout;
    std::string error;             // one line: why it did not get established
    std::string protocol_version;  // "TLS v1.2"
    std::string cipher_suite;      // IANA name
    std::optional<Chain> chain;    // what the server presented, ordered and validated
    // Empty when Botan completed (or failed) the handshake; otherwise the second stack that did and
    // why it was needed: "OpenSSL (libcurl), after Botan 2: <its failure>" (an edge that speaks only TLS 1.3).
    std::string handshake_by;
    std::int64_t connect_ms = 0;
    std::int64_t handshake_ms = 0;
};

}  // namespace mra::facts
