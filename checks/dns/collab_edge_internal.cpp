#include "checks/dns/lookup.hpp"
#include "facts/dns_names.hpp"

namespace mra::checks {
namespace {

void run(const CheckContext& context, Results& results) {
    dns::judge_presence(context, results, facts::DnsView::internal, facts::dns::collab_edge, dns::Wanted::absent,
                        Status::fail,
                        "clients inside the network may sign in through the Expressway-E instead of directly to "
                        "Unified CM");
}

}  // namespace

extern const Check dns_collab_edge_internal{
    .info =
        {
            .id = "dns.collab-edge-internal",
            .summary = "_collab-edge._tls.<domain> does not resolve in the internal DNS view.",
            .citation = "Planning Guide for Cisco Jabber 14.1, Service discovery (_cisco-uds inside, _collab-edge "
                        "outside)",
            .severity = Severity::minor,
            .remediation = "Remove _collab-edge._tls.<domain> from the internal DNS view, so that internal clients "
                           "find only _cisco-uds._tcp and register to Unified CM directly.",
        },
    .run = run,
};

}  // namespace mra::checks
