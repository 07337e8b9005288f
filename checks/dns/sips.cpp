#include "checks/dns/lookup.hpp"
#include "facts/dns_names.hpp"

namespace mra::checks {
namespace {

void run(const CheckContext& context, Results& results) {
    dns::judge_presence(context, results, facts::DnsView::external, facts::dns::sips, dns::Wanted::present,
                        Status::info,
                        "only business-to-business SIP calls need it (MRA sign-in does not), and they cannot find "
                        "the Expressway-E");
}

}  // namespace

extern const Check dns_sips{
    .info =
        {
            .id = "dns.sips",
            .summary = "_sips._tcp.<domain> is published in the external DNS view for business-to-business SIP.",
            .citation = "Cisco MRA Deployment Guide X15.0, MRA Requirements (DNS); Preferred Architecture for Cisco "
                        "Collaboration 12.x, Collaboration Edge",
            .severity = Severity::info,
            .remediation = "If the deployment takes business-to-business SIP calls, publish "
                           "`_sips._tcp.<domain>. SRV 10 10 5061 <expressway-e-fqdn>.` in public DNS.",
        },
    .run = run,
};

const Registration registration{dns_sips, 1080};

}  // namespace mra::checks
