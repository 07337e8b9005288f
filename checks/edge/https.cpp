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
    for (const auto& edge : facts.edges) {
        const std::string subject = edge.host + ":" + std::to_string(edge.port);
        const Evidence evidence = transport::evidence_of(edge);
        if (edge.outcome == facts::TransportOutcome::not_resolved) {
            // A probe whose input failed is not run, and says which input.
            results.add(subject, Status::not_run, "no address of " + edge.host + " to connect to (see dns.srv-target)",
                        evidence);
        } else if (edge.outcome == facts::TransportOutcome::not_public) {
            results.add(subject, Status::not_run, edge.error + " (see dns.public-address)", evidence);
        } else if (edge.outcome == facts::TransportOutcome::established) {
            transport::judge_established(results, subject, edge);
        } else {
            // The probe's own account, after the outcome in words unless it says that already.
            const std::string outcome(transport::describe(edge.outcome));
            const bool told = edge.error.find(outcome) != std::string::npos;
            results.add(subject, Status::fail,
                        edge.error.empty() ? outcome
                        : told             ? edge.error
                                           : outcome + ": " + edge.error,
                        evidence);
        }
    }
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
