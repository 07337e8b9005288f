#include "checks/dns/lookup.hpp"
#include "facts/dns_names.hpp"

namespace mra::checks {
namespace {

void run(const CheckContext& context, Results& results) {
    dns::judge_presence(context, results, facts::DnsView::internal, facts::dns::cisco_uds, dns::Wanted::present,
                        Status::fail, "Jabber inside the network cannot find Unified CM by service discovery");
}

}  // namespace

extern const Check dns_cisco_uds_internal{
    .info =
        {
            .id = "dns.cisco-uds-internal",
            .summary = "_cisco-uds._tcp.<domain> has an SRV record in the internal DNS view.",
            .citation = "Cisco MRA Deployment Guide X15.0, MRA Requirements (DNS); Planning Guide for Cisco Jabber "
                        "14.1, Service discovery",
            .severity = Severity::minor,
            .remediation = "Publish `_cisco-uds._tcp.<domain>. SRV 10 10 8443 <cucm-fqdn>.` on the internal DNS "
                           "servers for the Unified CM nodes that run UDS (recommended; Expressway-C no longer "
                           "requires it from X12.5).",
        },
    .run = run,
};

const Registration registration{dns_cisco_uds_internal, 1050};

}  // namespace mra::checks
