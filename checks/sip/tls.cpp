#include "checks/sip/exchanges.hpp"

namespace mra::checks {
namespace {

void run(const CheckContext& context, Results& results) {
    sip::for_each_endpoint(context, results, [&](const facts::SipEndpoint& endpoint, const std::string& subject) {
        const auto& tls = endpoint.tls;
        const Evidence evidence = {
            {"address", tls.address}, {"connect_ms", tls.connect_ms}, {"handshake_ms", tls.handshake_ms}};
        if (tls.outcome == facts::TransportOutcome::established)
            results.add(subject, Status::pass, tls.protocol_version + " with " + tls.cipher_suite, evidence);
        else if (tls.outcome == facts::TransportOutcome::not_resolved)
            results.add(subject, Status::not_run, tls.host + " has no address in public DNS (see edge.sip-servers)",
                        evidence);
        else
            results.add(subject, Status::fail, "no TLS on " + subject + ": " + tls.error, evidence);
    });
}

}  // namespace

extern const Check sip_tls{
    .info =
        {
            .id = "sip.tls",
            .summary = "A TLS connection to every SIP edge server (5061) completes.",
            .citation = "Cisco Expressway IP Port Usage Guide X15.0, Mobile and Remote Access (SIP TCP/TLS 5061)",
            .severity = Severity::critical,
            .remediation = "Open TCP 5061 from the internet to every Expressway-E and check that SIP over TLS is "
                           "enabled on it (Configuration > Protocols > SIP, TLS mode On).",
        },
    .run = run,
};

}  // namespace mra::checks
