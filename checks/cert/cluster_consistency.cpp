#include "checks/cert/rules.hpp"
#include "checks/cert/subjects.hpp"
#include "facts/dns_names.hpp"
#include "util/text.hpp"

namespace mra::checks {
namespace {

// Jabber may reach any peer the SRV records name, so every peer must cover every name any of them
// is required to cover: all peer FQDNs (a peer reached by the cluster's other names) and the edge
// domains. The peers are compared on their _collab-edge port: one certificate per peer.
void run(const CheckContext& context, Results& results) {
    const auto chains = judged_chains(context.facts());
    std::vector<const JudgedChain*> peers;
    std::vector<std::string> hosts, domains;
    for (const auto& subject : chains) {
        if (subject.service != "collab-edge" || !subject.chain || subject.chain->path.empty()) continue;
        peers.push_back(&subject);
        for (const auto& host : subject.required.hosts)
            if (std::find(hosts.begin(), hosts.end(), host) == hosts.end()) hosts.push_back(host);
        for (const auto& domain : subject.required.domains)
            if (std::find(domains.begin(), domains.end(), domain) == domains.end()) domains.push_back(domain);
    }
    const std::string subject = facts::dns::service_name(facts::dns::collab_edge, context.facts().target);
    if (peers.size() < 2) {
        // Peers that could not be reached leave the comparison undecided rather than moot.
        for (const auto& chain : chains)
            if (!chain.chain && chain.service == "collab-edge") {
                results.add(subject, Status::not_run, "cannot compare the peers: " + chain.unavailable_reason);
                return;
            }
        return;
    }

    Evidence coverage = Evidence::object();
    std::vector<std::string> problems;
    for (const auto* peer : peers) {
        const facts::Certificate& leaf = leaf_of(*peer->chain);
        std::vector<std::string> missing = uncovered_hosts(leaf.san, leaf.common_name, hosts);
        for (const auto& domain : domains)
            if (!edge_domain_covered(leaf.san, domain)) missing.push_back(domain);
        coverage[peer->label] = {{"missing", missing}, {"san_dns", leaf.san.dns}};
        if (!missing.empty()) problems.push_back(peer->label + " does not cover " + join(missing));
    }
    if (problems.empty())
        results.add(subject, Status::pass,
                    "all " + std::to_string(peers.size()) + " Expressway-E peers cover every peer name and edge domain",
                    {{"peers", coverage}});
    else
        results.add(subject, Status::fail, problems.front(), {{"problems", problems}, {"peers", coverage}});
}

}  // namespace

extern const Check cert_cluster_consistency{
    .info =
        {
            .id = "cert.cluster-consistency",
            .summary = "Every Expressway-E peer presents a certificate covering every peer name and edge domain.",
            .citation = "Cisco, Configure and Troubleshoot Collaboration Edge (MRA) Certificates (213872): cluster "
                        "FQDN as CN, cluster and every peer FQDN in the SAN",
            .severity = Severity::major,
            .remediation = "Issue one certificate per peer (or one for the cluster) whose SAN lists the cluster FQDN, "
                           "every peer FQDN and every edge domain, and install it on every peer.",
        },
    .run = run,
};

}  // namespace mra::checks
