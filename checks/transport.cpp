#include "checks/transport.hpp"

#include <array>

namespace mra::checks::transport {

std::string_view describe(facts::TransportOutcome outcome) {
    switch (outcome) {
        case facts::TransportOutcome::established:
            return "established";
        case facts::TransportOutcome::not_resolved:
            return "the host name has no address";
        case facts::TransportOutcome::not_public:
            return "not connected: every address is one the internet cannot reach";
        case facts::TransportOutcome::refused:
            return "connection refused";
        case facts::TransportOutcome::unreachable:
            return "host unreachable";
        case facts::TransportOutcome::timeout:
            return "timed out";
        case facts::TransportOutcome::reset:
            return "the server closed the connection during the handshake";
        case facts::TransportOutcome::tls_failure:
            return "the TLS handshake failed";
        case facts::TransportOutcome::protocol_error:
            return "the server does not speak TLS";
    }
    return "unknown";
}

// RFC 8996 §2–§3 deprecates TLS 1.0 and 1.1 (SSL 3.0: RFC 7568). Jabber 12 and later negotiate TLS
// 1.2 at least (Planning Guide for Cisco Jabber 12.x, Security and Certificates), and iOS App Transport
// Security requires TLS 1.2 (Apple developer documentation, NSAppTransportSecurity).
std::string too_old(std::string_view version) {
    static constexpr std::array<std::string_view, 3> old = {"SSL v3", "TLS v1.0", "TLS v1.1"};
    for (const auto name : old)
        if (version == name)
            return std::string(version) +
                   " negotiated: Jabber 12 and later and iOS require TLS 1.2 or later, and RFC 8996 deprecates TLS "
                   "1.0 and 1.1";
    return {};
}

Evidence evidence_of(const facts::TlsEndpoint& endpoint) {
    Evidence evidence = {
        {"address", endpoint.address}, {"connect_ms", endpoint.connect_ms}, {"handshake_ms", endpoint.handshake_ms}};
    if (endpoint.outcome == facts::TransportOutcome::established) {
        evidence["protocol"] = endpoint.protocol_version;
        evidence["cipher_suite"] = endpoint.cipher_suite;
    }
    if (!endpoint.handshake_by.empty()) evidence["handshake_by"] = endpoint.handshake_by;
    return evidence;
}

void judge_established(Results& results, const std::string& subject, const facts::TlsEndpoint& endpoint) {
    const std::string old = too_old(endpoint.protocol_version);
    if (!old.empty())
        results.add(subject, Status::fail, old + " (" + endpoint.cipher_suite + ")", evidence_of(endpoint));
    else
        results.add(subject, Status::pass, endpoint.protocol_version + " with " + endpoint.cipher_suite,
                    evidence_of(endpoint));
}

}  // namespace mra::checks::transport
