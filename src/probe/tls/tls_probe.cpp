#include "probe/tls/tls_probe.hpp"

#include <chrono>
#include <exception>
#include <utility>

#include "probe/net/connection.hpp"

namespace mra::probe::tls {

namespace {

// close_notify is one small write; it must not hold the probe up when the peer has stopped reading.
constexpr std::chrono::milliseconds close_budget{250};

std::int64_t milliseconds_since(Deadline::Clock::time_point start) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(Deadline::Clock::now() - start).count();
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
        if (target.addresses.empty()) {
            endpoint.outcome = facts::TransportOutcome::not_resolved;
            endpoint.error = "no address to connect to for " + target.host;
            return endpoint;
        }
        const auto connect_start = Deadline::Clock::now();
        net::ConnectResult connected = net::connect_first(target.addresses, target.port, deadline);
        endpoint.connect_ms = milliseconds_since(connect_start);
        if (!connected.status.ok()) {
            endpoint.outcome = net::transport_outcome(connected.status.error);
            endpoint.error = connected.status.message;
            return endpoint;
        }
        endpoint.address = connected.connection.address();

        TlsSession session(connected.connection);
        const auto handshake_start = Deadline::Clock::now();
        const TlsStatus status = session.handshake(target.host, deadline);
        endpoint.handshake_ms = milliseconds_since(handshake_start);
        record_session(endpoint, session, status, trust, at);
        if (status.ok()) {
            session.close(deadline.within(close_budget));
        }
    } catch (const std::exception& e) {
        endpoint.outcome = facts::TransportOutcome::tls_failure;
        endpoint.error = std::string("TLS probe failed: ") + e.what();
    }
    return endpoint;
}

}  // namespace mra::probe::tls
