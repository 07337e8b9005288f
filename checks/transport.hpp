#pragma once
// What the checks of a TLS leg (edge.https, sip.tls) share: the one table of transport outcomes in
// words, and the rule on the negotiated version.

#include <string>
#include <string_view>

#include "core/check.hpp"

namespace mra::checks::transport {

// "connection refused", "the TLS handshake failed", … — the only place outcomes become words.
std::string_view describe(facts::TransportOutcome outcome);

// Why `version` ("TLS v1.0", as the facts write it) is too old for Jabber, or empty when it is TLS
// 1.2 or later (or unknown).
std::string too_old(std::string_view version);

// What every finding about a TLS leg shows: address, timings, and once established the version,
// the suite and the stack that completed the handshake when it was not Botan.
Evidence evidence_of(const facts::TlsEndpoint& endpoint);

// Judges an established leg: fail when its version is too old, else pass naming version and suite.
void judge_established(Results& results, const std::string& subject, const facts::TlsEndpoint& endpoint);

}  // namespace mra::checks::transport
