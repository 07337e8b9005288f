#include "checks/dns/lookup.hpp"
#include "facts/dns_names.hpp"

namespace mra::checks {
namespace {

void run(const CheckContext& context, Results& results) {
    dns::judge_presence(context, results, facts::DnsView::external, facts::dns::cuplogin, dns::Wanted::absent,
                        Status::fail,
                        "Jabber takes the first of _cisco-uds, _cuplogin and _collab-edge that it finds, so a client "
                        "outside the network goes to the IM and Presence node instead of the Expressway-E and never "
                        "starts MRA (unless every client excludes CUP with ServiceDiscoveryExcludedServices)");
}

}  // namespace

extern const Check dns_cuplogin_private{
    .info =
        {
            .id = "dns.cuplogin-private",
            .summary = "_cuplogin._tcp.<domain> does not resolve in the external (public) DNS view.",
            .citation =
                "Planning Guide for Cisco Jabber 14.1, Service Discovery (order: _cisco-uds, _cuplogin, "
                "_collab-edge; ServiceDiscoveryExcludedServices); On-Premises Deployment for Cisco Jabber 14.0, "
                "Configure Service Discovery",
            .severity = Severity::critical,
            .remediation =
                "Remove _cuplogin._tcp.<domain> from public DNS and keep it on the internal DNS servers "
                "only; if it must stay public, every client must exclude it (ServiceDiscoveryExcludedServices=CUP "
                "in the installer or bootstrap), or outside clients never reach the Expressway-E.",
        },
    .run = run,
};

const Registration registration{dns_cuplogin_private, 1040};

}  // namespace mra::checks
