#pragma once
// A Botan 2.19 TLS client driven over a net::Connection: the handshake, then application data.
// The connection may already have carried plaintext (XMPP after <proceed/>, RFC 6120 §5.4.3.3), so
// the session borrows it and never opens or closes the socket itself.
//
// The presented chain is captured whatever it is — untrusted, expired, MD5-signed, for another
// name — and in probe mode the handshake goes on regardless: judging the chain is the checks' job.
// No Botan exception leaves this class; every failure is a facts::TransportOutcome with one line.

#include <botan/pk_keys.h>
#include <botan/x509cert.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "facts/tls.hpp"
#include "probe/net/connection.hpp"
#include "probe/tls/policy.hpp"
#include "util/deadline.hpp"
#include "x509/chain.hpp"

namespace mra::probe::tls {

// A client certificate for mutual TLS, sent when the server asks for one. No command sets one: a
// client never sends the SIP SERVICE, which is Expressway-E's own request to Expressway-C.
struct ClientIdentity {
    std::vector<Botan::X509_Certificate> chain;  // leaf first
    std::shared_ptr<Botan::Private_Key> key;
};

struct TlsOptions {
    TlsMode mode = TlsMode::probe;
    // Strict mode only: the chain must verify against this store for the server name, or the
    // handshake is aborted (tls_failure, bad_certificate alert). Strict mode without one refuses
    // every chain. The store must outlive the session.
    const x509::TrustStore* trust = nullptr;
    // Strict mode only: the instant (Unix seconds) validity is judged at; now when absent.
    std::optional<std::int64_t> verify_at;
    // Sent when the server asks for a certificate (RFC 5246 §7.4.6); none by default.
    std::optional<ClientIdentity> identity;
};

struct TlsStatus {
    facts::TransportOutcome outcome = facts::TransportOutcome::established;  // established: all is well
    std::string message;                                                     // one line, empty when ok
    bool ok() const { return outcome == facts::TransportOutcome::established; }
};

struct TlsReceived {
    std::vector<std::uint8_t> bytes;  // empty with an ok status: the peer closed (close_notify or FIN)
    TlsStatus status;
};

class TlsSession {
public:
    // `connection` must outlive the session.
    explicit TlsSession(net::Connection& connection, TlsOptions options = {});
    ~TlsSession();
    TlsSession(const TlsSession&) = delete;
    TlsSession& operator=(const TlsSession&) = delete;

    // Sends the ClientHello with SNI = `server_name` (none for an IP literal: RFC 6066 §3) and
    // runs the handshake to completion or failure. Once only.
    TlsStatus handshake(const std::string& server_name, const Deadline& deadline);

    TlsStatus send(std::span<const std::uint8_t> bytes, const Deadline& deadline);
    TlsStatus send(std::string_view text, const Deadline& deadline);
    // Application data as soon as some has arrived. A timeout leaves the session usable; every other
    // failure is final and is returned again by later calls.
    TlsReceived receive(const Deadline& deadline);
    // Sends close_notify (RFC 5246 §7.2.1) without waiting for the peer's; best effort.
    void close(const Deadline& deadline);

    bool established() const;
    // The server's Certificate message, in sent order, as soon as it arrived — also when the
    // handshake failed later (or, in strict mode, because of it).
    const std::vector<Botan::X509_Certificate>& presented_chain() const;
    const std::string& protocol_version() const;  // "TLS v1.2"; empty before the handshake completed
    const std::string& cipher_suite() const;      // IANA name, "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384"
    // Every alert the server sent, in order ("unrecognized_name" is the warning of a server that has
    // no certificate for the SNI name, RFC 6066 §3; "handshake_failure", "close_notify", …).
    const std::vector<std::string>& received_alerts() const;

private:
    class Engine;
    std::unique_ptr<Engine> m_engine;
};

}  // namespace mra::probe::tls
