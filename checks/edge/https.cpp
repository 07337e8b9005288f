#include "checks/transport.hpp"
#include "core/check.hpp"
#include "facts/dns_names.hpp"

namespace mra::checks {
namespace {

void run(const CheckContext& context, Results& results) {
    const auto& facts = context.facts();
    if (!facts.dns) return;  // no discovery: the offline `cert` command
    if (facts.edges.empty()) {
        const std::string srv_name = facts::dns::service_name(facts::dns::collab_edge, facts.target);
        results.add(srv_name, Status::not_run, "no Expressway-E to connect to: " + srv_name + " gave no usable target");
        return;
    }
    for (const auto& edge : facts.edges)
        transport::judge(results, edge.host + ":" + std::to_string(edge.port), edge, "dns.srv-target");
}

}  // namespace

extern const Check edge_https{
    .info =
        {
            .id = "edge.https",
            .summary = "A TLS connection of version 1.2 or later to every Expressway-E on its _collab-edge port "
                       "completes.",
            .citation = "Cisco Expressway IP Port Usage Guide X15.0, Mobile and Remote Access (TCP 8443); MRA "
                        "Deployment Guide X15.0, MRA Requirements; RFC 8996 (TLS 1.0 and 1.1 deprecated)",
            .severity = Severity::critical,
            .remediation = "Open TCP 8443 from the internet to every Expressway-E (firewall and NAT), check that "
                           "the Expressway-E is running with MRA enabled, that the SRV target resolves to its "
                           "public address, and that TLS 1.2 is enabled (Maintenance > Security > Ciphers: TLS "
                           "minimum version for HTTPS).",
        },
    .run = run,
};

const Registration registration{edge_https, 3000};

}  // namespace mra::checks
