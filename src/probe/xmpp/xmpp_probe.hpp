#pragma once
// The XMPP probe: connect to an xmppEdgeServer of get_edge_config (TCP 5222: Cisco Expressway IP
// Port Usage Guide X15.0, "Mobile and Remote Access") as Jabber does, open a client stream for the
// domain, read the stream features, ask for STARTTLS and, after <proceed/>, shake hands in TLS on
// the same connection (RFC 6120 §5.4) and capture the chain the server presents. No authentication:
// the probe stops where a client would start SASL, and closes politely.

#include <cstdint>
#include <string>
#include <vector>

#include "facts/xmpp.hpp"
#include "util/deadline.hpp"
#include "x509/chain.hpp"

namespace mra::probe::xmpp {

struct XmppTarget {
    // The XMPP domain the client signs in to: 'to' of the stream header and the SNI of the TLS
    // handshake (RFC 6120 §4.7.2, §13.7.2.1), not the host. The host when empty.
    std::string domain;
    std::string host;  // the xmppEdgeServer from get_edge_config, named in the facts
    std::uint16_t port = 5222;
    std::vector<std::string> addresses;  // literal IPv4/IPv6 addresses of host, from the DNS probe
};

// Tries the addresses in order until one connects (none: transport_error, tls.outcome not_resolved),
// negotiates, shakes hands in probe mode, analyses the captured chain against `trust` as of `at`
// (Unix seconds). Reads at most 64 KiB and 16 levels of elements before <proceed/>. Never throws;
// never outlives `deadline`.
facts::XmppEndpoint probe_xmpp(const XmppTarget& target, const x509::TrustStore& trust, std::int64_t at,
                               const Deadline& deadline);

}  // namespace mra::probe::xmpp
