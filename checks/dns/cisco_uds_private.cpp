#include "checks/dns/lookup.hpp"
#include "facts/dns_names.hpp"

namespace mra::checks {
namespace {

void run(const CheckContext& context, Results& results) {
    dns::judge_presence(context, results, facts::DnsView::external, facts::dns::cisco_uds, dns::Wanted::absent,
                        Status::fail,
                        "Jabber outside the network then believes it is inside and never starts MRA through the "
                        "Expressway-E");
}

}  // namespace

extern const Check dns_cisco_uds_private{
    .info =
        {
            .id = "dns.cisco-uds-private",
            .summary = "_cisco-uds._tcp.<domain> does not resolve in the external (public) DNS view.",
            .citation = "Cisco MRA Deployment Guide X15.0, MRA Requirements (DNS): the cisco-uds SRV records must "
                        "not be resolvable outside the internal network",
            .severity = Severity::critical,
            .remediation = "Remove _cisco-uds._tcp.<domain> from public DNS and publish it only on the internal "
                           "(split-horizon) DNS servers.",
        },
    .run = run,
};

const Registration registration{dns_cisco_uds_private, 1030};

}  // namespace mra::checks
