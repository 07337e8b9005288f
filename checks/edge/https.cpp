#include "core/check.hpp"
#include "facts/dns_names.hpp"

namespace mra::checks {
namespace {

std::string describe(facts::TransportOutcome outcome) {
    switch (outcome) {
        case facts::TransportOutcome::established:
            return "established";
        case facts::TransportOutcome::not_resolved:
            return "the host name has no address";
        case facts::TransportOutcome::refused:
            return "connection refused";
        case facts::TransportOutcome::unreachable:
            return "host unreachable";
        case facts::TransportOutcome::timeout:
            return "timed out";
        case facts::TransportOutcome::reset:
            return "the server closed the connection during the handshake";
        case facts::TransportOutcome::tls_failure:
            return "the TLS handshake failed";
        case facts::TransportOutcome::protocol_error:
            return "the server does not speak TLS";
    }
    return "unknown";
}

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
        Evidence evidence = {
            {"address", edge.address}, {"connect_ms", edge.connect_ms}, {"handshake_ms", edge.handshake_ms}};
        if (edge.outcome == facts::TransportOutcome::not_resolved) {
            // DESIGN.md §2: a probe whose input failed is not run, and says which input.
            results.add(subject, Status::not_run, "no address of " + edge.host + " to connect to (see dns.srv-target)",
                        evidence);
        } else if (edge.outcome == facts::TransportOutcome::established) {
            evidence["protocol"] = edge.protocol_version;
            evidence["cipher_suite"] = edge.cipher_suite;
            results.add(subject, Status::pass, edge.protocol_version + " with " + edge.cipher_suite, evidence);
        } else {
            // The probe's own account, after the outcome in words unless it says that already.
            const std::string outcome = describe(edge.outcome);
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
            .summary = "A TLS connection to every Expressway-E on its _collab-edge port completes.",
            .citation = "Cisco Expressway IP Port Usage Guide X15.0, Mobile and Remote Access (TCP 8443); MRA "
                        "Deployment Guide X15.0, MRA Requirements",
            .severity = Severity::critical,
            .remediation = "Open TCP 8443 from the internet to every Expressway-E (firewall and NAT), check that "
                           "the Expressway-E is running with MRA enabled, and that the SRV target resolves to its "
                           "public address.",
        },
    .run = run,
};

}  // namespace mra::checks
