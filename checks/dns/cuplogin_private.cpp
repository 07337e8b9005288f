#include "checks/dns/lookup.hpp"
#include "facts/dns_names.hpp"

namespace mra::checks {
namespace {

void run(const CheckContext& context, Results& results) {
    dns::judge_presence(context, results, facts::DnsView::external, facts::dns::cuplogin, dns::Wanted::absent,
                        Status::fail,
                        "clients outside the network are pointed at an internal IM and Presence server they cannot "
                        "reach");
}

}  // namespace

extern const Check dns_cuplogin_private{
    .info =
        {
            .id = "dns.cuplogin-private",
            .summary = "_cuplogin._tcp.<domain> does not resolve in the external (public) DNS view.",
            .citation = "On-Premises Deployment for Cisco Jabber 14.0, Configure Service Discovery; Cisco Jabber DNS "
                        "Configuration Guide, Service (SRV) Records",
            .severity = Severity::minor,
            .remediation = "Remove _cuplogin._tcp.<domain> from public DNS and keep it on the internal DNS servers "
                           "only (or retire it and set ServiceDiscoveryExcludedServices=CUP).",
        },
    .run = run,
};

}  // namespace mra::checks
