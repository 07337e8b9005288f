#include "checks/dns/lookup.hpp"
#include "facts/dns_names.hpp"

namespace mra::checks {
namespace {

void run(const CheckContext& context, Results& results) {
    dns::judge_presence(context, results, facts::DnsView::external, facts::dns::collab_edge, dns::Wanted::present,
                        Status::fail,
                        "Jabber and endpoints outside the network never find the Expressway-E, so MRA is never "
                        "attempted");
}

}  // namespace

extern const Check dns_collab_edge{
    .info =
        {
            .id = "dns.collab-edge",
            .summary = "_collab-edge._tls.<domain> has an SRV record in the external (public) DNS view.",
            .citation = "Cisco MRA Deployment Guide X15.0, MRA Requirements (DNS); Cisco TAC 211304, Collaboration "
                        "Edge TC-based Endpoints Configuration Example",
            .severity = Severity::critical,
            .remediation = "Publish `_collab-edge._tls.<domain>. SRV 10 10 8443 <expressway-e-fqdn>.` in public DNS, "
                           "one record per Expressway-E peer, for every edge (Unified CM registration) domain.",
        },
    .run = run,
};

const Registration registration{dns_collab_edge, 1010};

}  // namespace mra::checks
