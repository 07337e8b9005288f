#include "probe/tls/tls_probe.hpp"

#include <chrono>
#include <exception>
#include <utility>

#include "probe/net/connection.hpp"
#include "probe/tls/openssl_handshake.hpp"

namespace mra::probe::tls {

namespace {

// close_notify is one small write; it must not hold the probe up when the peer has stopped reading.
constexpr std::chrono::milliseconds close_budget{250};

// Botan 2 has no TLS 1.3: a server that speaks nothing older refuses its ClientHello before
// presenting a chain. OpenSSL, through libcurl, tries again on the same address; when it gets
// through, its handshake stands — version, suite and chain — and the facts say which stack made it.
void retry_with_openssl(facts::TlsEndpoint& endpoint, const TlsTarget& target, const x509::TrustStore& trust,
                        std::int64_t at, const Deadline& deadline) {
    const OpensslHandshake second = handshake_with_openssl(target.host, target.port, endpoint.address, deadline);
    if (second.outcome != facts::TransportOutcome::established) return;  // Botan's account stands
    endpoint.handshake_by = "OpenSSL (libcurl), after Botan 2: " + endpoint.error;
    endpoint.outcome = second.outcome;
    endpoint.error = second.error;
    endpoint.protocol_version = second.protocol_version;
    endpoint.cipher_suite = second.cipher_suite;
    endpoint.handshake_ms += second.handshake_ms;
    if (second.presented.empty()) return;
    try {
        endpoint.chain = x509::analyse_chain(second.presented, trust, at);
    } catch (const std::exception& e) {
        endpoint.error += (endpoint.error.empty() ? "" : "; ") + std::string("chain analysis failed: ") + e.what();
    }
}

}  // namespace

void record_session(facts::TlsEndpoint& endpoint, const TlsSession& session, const TlsStatus& status,
                    const x509::TrustStore& trust, std::int64_t at) {
    endpoint.outcome = status.outcome;
    endpoint.error = status.message;
    endpoint.protocol_version = session.protocol_version();
    endpoint.cipher_suite = session.cipher_suite();
    if (session.presented_chain().empty()) {
        return;
    }
    try {
        endpoint.chain = x509::analyse_chain(session.presented_chain(), trust, at);
    } catch (const std::exception& e) {
        // The transport outcome stands; the chain is missing and the error says why.
        endpoint.error += (endpoint.error.empty() ? "" : "; ") + std::string("chain analysis failed: ") + e.what();
    }
}

facts::TlsEndpoint probe_tls(const TlsTarget& target, const x509::TrustStore& trust, std::int64_t at,
                             const Deadline& deadline) {
    facts::TlsEndpoint endpoint;
    endpoint.service = target.service;
    endpoint.host = target.host;
    endpoint.port = target.port;
    try {
        net::Connection connection = net::connect_endpoint(endpoint, target.addresses, deadline);
        if (!connection.is_open()) {
            return endpoint;
        }
        TlsSession session(connection);
        const auto handshake_start = Deadline::Clock::now();
        const TlsStatus status = session.handshake(target.host, deadline);
        endpoint.handshake_ms = milliseconds_since(handshake_start);
        record_session(endpoint, session, status, trust, at);
        if (status.ok()) {
            session.close(deadline.within(close_budget));
        } else if (status.outcome == facts::TransportOutcome::tls_failure && session.presented_chain().empty()) {
            retry_with_openssl(endpoint, target, trust, at, deadline);
        }
    } catch (const std::exception& e) {
        endpoint.outcome = facts::TransportOutcome::tls_failure;
        endpoint.error = std::string("TLS probe failed: ") + e.what();
    }
    return endpoint;
}

}  // namespace mra::probe::tls
