#include "checks/sip/exchanges.hpp"
#include "checks/transport.hpp"

namespace mra::checks {
namespace {

void run(const CheckContext& context, Results& results) {
    sip::for_each_endpoint(context, results, [&](const facts::SipEndpoint& endpoint, const std::string& subject) {
        transport::judge(results, subject, endpoint.tls, "edge.sip-servers");
    });
}

}  // namespace

extern const Check sip_tls{
    .info =
        {
            .id = "sip.tls",
            .summary = "A TLS connection of version 1.2 or later to every SIP edge server (5061) completes.",
            .citation = "Cisco Expressway IP Port Usage Guide X15.0, Mobile and Remote Access (SIP TCP/TLS 5061); "
                        "RFC 8996 (TLS 1.0 and 1.1 deprecated)",
            .severity = Severity::critical,
            .remediation = "Open TCP 5061 from the internet to every Expressway-E and check that SIP over TLS is "
                           "enabled on it (Configuration > Protocols > SIP, TLS mode On) with TLS 1.2 or later "
                           "(Maintenance > Security > Ciphers: TLS minimum version for SIP).",
        },
    .run = run,
};

const Registration registration{sip_tls, 6000};

}  // namespace mra::checks
