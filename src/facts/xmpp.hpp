#pragma once
// What the XMPP probe learned about one xmppEdgeServer: the plaintext stream negotiation up to
// STARTTLS (RFC 6120 §4.3, §5.4) and the TLS leg that follows <proceed/>. Filled by src/probe/xmpp,
// read by the xmpp.* checks (and the cert.* checks through tls.chain).

#include <cstdint>
#include <string>
#include <vector>

#include "facts/tls.hpp"

namespace mra::facts {

// Where the negotiation ended.
enum class XmppOutcome {
    tls_established,   // <proceed/>, then a completed TLS handshake (the chain may still be untrusted)
    tls_failed,        // <proceed/>, then a TLS handshake that failed: see tls.outcome and tls.error
    no_starttls,       // the stream features lack <starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>
    starttls_refused,  // the server answered <starttls/> with <failure/> (RFC 6120 §5.4.2.2)
    stream_error,      // the server sent <stream:error> (RFC 6120 §4.9): see stream_error
    malformed,         // not an XMPP stream: not XML, not <stream:stream>, an unexpected element
    too_large,         // a bound of the probe was hit: too many bytes or too deep before <proceed/>
    transport_error,   // no address, connect failed, timeout or the peer closed: see tls.outcome
};

struct XmppEndpoint {
    // The TCP connection and the TLS leg after <proceed/> (service "xmpp", host = the
    // xmppEdgeServer, SNI = `domain`). tls.outcome is `established` only when TLS completed; when
    // the negotiation ended before TLS it is protocol_error (or the transport failure) with the
    // same error as below.
    TlsEndpoint tls;
    std::string domain;  // the XMPP domain: 'to' of our stream header and the SNI (RFC 6120 §13.7.2.1)
    XmppOutcome outcome = XmppOutcome::transport_error;
    std::string error;                  // one line; empty for tls_established unless chain analysis failed
    std::string stream_from;            // 'from' of the server's stream header ("example.com")
    std::string stream_version;         // 'version' of the server's stream header ("1.0")
    bool starttls_offered = false;      // <starttls/> in the tls namespace among the features
    bool starttls_required = false;     // … with a <required/> child (RFC 6120 §5.3.1)
    std::vector<std::string> features;  // local names of the features offered before TLS, in order
    // The restarted stream after TLS (RFC 6120 §5.4.3.3): its features' local names and, among them, the
    // SASL mechanisms a client could sign in with (§6.3.3). Empty when the server sent none in time.
    std::vector<std::string> features_after_tls;
    std::vector<std::string> sasl_mechanisms;
    std::string stream_error;         // condition of a <stream:error> ("host-unknown"), if any
    std::string stream_error_text;    // its <text/>, if any, as one line
    std::int64_t negotiation_ms = 0;  // from our stream header to <proceed/> or the end
};

}  // namespace mra::facts
