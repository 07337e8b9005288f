#include "checks/transport.hpp"

#include <array>

namespace mra::checks::transport {
namespace {

// "connection refused", "the TLS handshake failed", … — the only place outcomes become words.
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

// Why `version` ("TLS v1.0", as the facts write it) is too old for Jabber, or empty when it is TLS
// 1.2 or later (or unknown). RFC 8996 §2–§3 deprecates TLS 1.0 and 1.1 (SSL 3.0: RFC 7568). Jabber 12 and later
// negotiate TLS 1.2 at least (Planning Guide for Cisco Jabber 12.x, Security and Certificates), and iOS App Transport
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

}  // namespace

void judge(Results& results, const std::string& subject, const facts::TlsEndpoint& endpoint,
           std::string_view resolved_by) {
    Evidence evidence = evidence_of(endpoint);
    switch (endpoint.outcome) {
        case facts::TransportOutcome::established: {
            const std::string old = too_old(endpoint.protocol_version);
            if (!old.empty())
                results.add(subject, Status::fail, old + " (" + endpoint.cipher_suite + ")", std::move(evidence));
            else
                results.add(subject, Status::pass, endpoint.protocol_version + " with " + endpoint.cipher_suite,
                            std::move(evidence));
            return;
        }
        case facts::TransportOutcome::not_resolved:
            // A probe whose input failed is not run, and says which input.
            results.add(subject, Status::not_run,
                        "no address of " + endpoint.host + " to connect to (see " + std::string(resolved_by) + ")",
                        std::move(evidence));
            return;
        case facts::TransportOutcome::not_public:
            results.add(subject, Status::not_run, endpoint.error + " (see dns.public-address)", std::move(evidence));
            return;
        default: {
            // The probe's own account, after the outcome in words unless it says that already.
            const std::string outcome(describe(endpoint.outcome));
            const bool told = endpoint.error.find(outcome) != std::string::npos;
            results.add(subject, Status::fail,
                        endpoint.error.empty() ? outcome
                        : told                 ? endpoint.error
                                               : outcome + ": " + endpoint.error,
                        std::move(evidence));
        }
    }
}

}  // namespace mra::checks::transport
