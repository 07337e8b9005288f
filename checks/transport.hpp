#pragma once
// The one judgement of a TLS leg, shared by edge.https (8443) and sip.tls (5061).

#include <string>
#include <string_view>

#include "core/check.hpp"

namespace mra::checks::transport {

// Judges one TLS leg, the same way for every port: not_run when its host had no address (naming
// `resolved_by`, the check that judges where the host came from) or only private ones; fail when the
// connection or handshake failed, the outcome in words before the probe's own account; once
// established, fail below TLS 1.2, else pass naming version and suite. The evidence shows address,
// timings, and once established the version, the suite and the stack that completed the handshake
// when it was not Botan.
void judge(Results& results, const std::string& subject, const facts::TlsEndpoint& endpoint,
           std::string_view resolved_by);

}  // namespace mra::checks::transport
