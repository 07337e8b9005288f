#pragma once
// The SIP probe (DESIGN.md §1 step 4): TLS to a SIP edge server as Jabber connects to an
// Expressway-E's 5061, the chain captured whatever it is, then on that one connection an OPTIONS,
// a REGISTER without credentials (the edge must challenge it) and, when asked, the SERVICE that
// Expressway uses for delegated credential checking (mra-facts §5.2). Each request waits for its
// final response for at most `exchange_limit`: RFC 3261's Timer F (64·T1 = 32 s) suits a phone that
// must not give up, not a preflight across many servers; a healthy edge answers in milliseconds,
// and 5 s leaves room for a slow WAN and Expressway's own round trip to Expressway-C.
// Never throws; every failure is an outcome with a one-line error.

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "facts/sip.hpp"
#include "probe/tls/tls_session.hpp"
#include "util/deadline.hpp"
#include "x509/chain.hpp"

namespace mra::probe::sip {

struct SipTarget {
    std::string host;  // the SIP edge server (sipEdgeServer / _sips SRV target): SNI, named in the facts
    std::uint16_t port = 5061;
    std::vector<std::string> addresses;  // literal IPv4/IPv6 addresses of host, from the DNS probe
    std::string domain;                  // the service domain: Request-URIs and To/From sip:<domain>
    std::string user;                    // user part of To/From/Contact (e.g. --user); none when empty
};

// The SERVICE to send (mra-facts §5.2).
struct ServiceRequest {
    std::string certificate_pem;  // the certificate the client presents (PEM; the first block is carried)
    std::string domain;           // SERVICE sip:serviceserver@<domain>; the target's domain when empty
    std::string realm;            // <realm> of the methodCall; the target's host when empty
};

struct SipProbeOptions {
    std::optional<tls::ClientIdentity> identity;  // mutual TLS (--client-cert/--client-key); none by default
    std::optional<ServiceRequest> service;        // probe_sip: also send the SERVICE, after REGISTER
    std::chrono::milliseconds exchange_limit{5000};
};

// Connects (addresses in order), shakes hands in probe mode with SNI = host, records the TLS facts
// (chain analysed against `trust` as of `at`, Unix seconds), then OPTIONS, REGISTER and, with
// options.service, SERVICE — each to its final response, within min(deadline, exchange_limit).
facts::SipEndpoint probe_sip(const SipTarget& target, const x509::TrustStore& trust, std::int64_t at,
                             const SipProbeOptions& options, const Deadline& deadline);

// The same connection and TLS facts, but the SERVICE exchange alone (`mra-preflight sip HOST:PORT
// --service`). Without options.service the exchange is recorded not_sent.
facts::SipEndpoint probe_sip_service(const SipTarget& target, const x509::TrustStore& trust, std::int64_t at,
                                     const SipProbeOptions& options, const Deadline& deadline);

}  // namespace mra::probe::sip
