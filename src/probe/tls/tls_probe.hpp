#pragma once
// The TLS probe: connect to an endpoint as a Jabber client would, complete a TLS handshake with
// SNI, and record what was negotiated and the chain the server presented (TCP 8443, 5061, 5222:
// Cisco Expressway IP Port Usage Guide X15.0, "Mobile and Remote Access"). The SIP (raw TLS on
// 5061) and XMPP (STARTTLS on 5222) probes reuse its parts: net::connect_first, TlsSession, and
// record_session() for the facts.

#include <cstdint>
#include <string>
#include <vector>

#include "facts/tls.hpp"
#include "probe/tls/tls_session.hpp"
#include "util/deadline.hpp"
#include "x509/chain.hpp"

namespace mra::probe::tls {

struct TlsTarget {
    std::string service;  // "collab-edge", "sip", "xmpp": copied into the facts
    std::string host;     // SRV target; sent as SNI and named in the facts
    std::uint16_t port = 0;
    std::vector<std::string> addresses;  // literal IPv4/IPv6 addresses of host, from the DNS probe
};

// Tries the addresses in order until one connects (none: not_resolved), shakes hands in probe mode,
// analyses the captured chain against `trust` as of `at` (Unix seconds), closes politely. Never
// throws; every failure is an outcome with a one-line error.
facts::TlsEndpoint probe_tls(const TlsTarget& target, const x509::TrustStore& trust, std::int64_t at,
                             const Deadline& deadline);

// Fills `endpoint` from a session after its handshake (successful or not): outcome and error from
// `status`, version, cipher suite, and the chain when one was presented. For probes that drive
// their own session, e.g. XMPP after STARTTLS.
void record_session(facts::TlsEndpoint& endpoint, const TlsSession& session, const TlsStatus& status,
                    const x509::TrustStore& trust, std::int64_t at);

}  // namespace mra::probe::tls
