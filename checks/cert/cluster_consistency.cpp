#include <map>

#include "checks/cert/rules.hpp"
#include "checks/cert/subjects.hpp"
#include "facts/dns_names.hpp"
#include "util/text.hpp"

namespace mra::checks {
namespace {

// What a client needs of each Expressway-E peer it may reach through the SRV records: its own FQDN
// (the SRV target it connects to) and the edge domains by the cert.edge-domain rule. Per-peer
// certificates (CN = the peer's FQDN; SAN = it, the cluster FQDN and the edge domains) and one
// certificate shared by every peer are both documented models (Expressway Certificate Creation and
// Use Deployment Guide), so a peer certificate need not list the other peers. The peers are
// compared on their _collab-edge port.
void run(const CheckContext& context, Results& results) {
    const auto chains = judged_chains(context.facts());
    std::vector<const JudgedChain*> peers;
    std::vector<std::string> domains;
    for (const auto& subject : chains) {
        if (subject.service != "collab-edge" || !subject.chain || subject.chain->path.empty()) continue;
        peers.push_back(&subject);
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
    std::map<std::string, std::vector<std::string>> covering, lacking;  // edge domain → peers
    for (const auto* peer : peers) {
        const facts::Certificate& leaf = leaf_of(*peer->chain);
        const std::vector<std::string> own_missing = uncovered_hosts(leaf.san, leaf.common_name, peer->required.hosts);
        std::vector<std::string> domains_covered;
        for (const auto& domain : domains) {
            const bool covered = edge_domain_covered(leaf.san, domain);
            (covered ? covering : lacking)[domain].push_back(peer->label);
            if (covered) domains_covered.push_back(domain);
        }
        coverage[peer->label] = {{"own_name_missing", own_missing},
                                 {"edge_domains_covered", domains_covered},
                                 {"common_name", leaf.common_name},
                                 {"san_dns", leaf.san.dns}};
        if (!own_missing.empty()) problems.push_back(peer->label + " does not cover its own name " + join(own_missing));
    }
    for (const auto& domain : domains)
        if (!covering[domain].empty() && !lacking[domain].empty())
            problems.push_back(join(lacking[domain]) + " does not cover the edge domain " + domain + ", which " +
                               join(covering[domain]) + " covers");
    if (problems.empty())
        results.add(subject, Status::pass,
                    "all " + std::to_string(peers.size()) +
                        " Expressway-E peers cover their own names and the same edge domains",
                    {{"peers", coverage}});
    else
        results.add(subject, Status::fail, problems.front(), {{"problems", problems}, {"peers", coverage}});
}

}  // namespace

extern const Check cert_cluster_consistency{
    .info =
        {
            .id = "cert.cluster-consistency",
            .summary = "Every Expressway-E peer presents a certificate covering its own FQDN and the same edge "
                       "domains as the other peers.",
            .citation = "Expressway Certificate Creation and Use Deployment Guide (per-peer and cluster "
                        "certificates); Cisco, Configure and Troubleshoot Collaboration Edge (MRA) Certificates "
                        "(213872)",
            .severity = Severity::major,
            .remediation = "Issue each peer a certificate with its own FQDN as CN and SAN, plus the cluster FQDN and "
                           "every edge domain (or one certificate for the cluster listing every peer), so that every "
                           "peer carries the same edge domains.",
        },
    .run = run,
};

const Registration registration{cert_cluster_consistency, 2200};

}  // namespace mra::checks
