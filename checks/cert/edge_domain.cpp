#include "checks/cert/rules.hpp"
#include "checks/cert/subjects.hpp"

namespace mra::checks {
namespace {

void run(const CheckContext& context, Results& results) {
    for_each_chain(context, results, "leaf", [&](const JudgedChain& subject, const facts::Chain& chain) {
        const Subject part = subject_of(subject, "leaf");
        if (subject.required.role != facts::Role::expressway_e) {
            results.add(part, Status::not_applicable, "only an Expressway-E certificate must carry the edge domain");
            return;
        }
        if (subject.required.domains.empty()) {
            results.add(part, Status::not_applicable, "no service domain given (--domain)");
            return;
        }
        const facts::Certificate& leaf = leaf_of(chain);
        std::vector<std::string> missing;
        for (const auto& domain : subject.required.domains)
            if (!edge_domain_covered(leaf.san, domain)) missing.push_back(domain);
        Evidence evidence = {{"domains", subject.required.domains}, {"san_dns", leaf.san.dns}};
        if (missing.empty()) {
            results.add(part, Status::pass, "every edge domain is in the SAN (as a dNSName or SRVName)", evidence);
        } else {
            evidence["missing"] = missing;
            results.add(part, Status::fail,
                        "no SAN dNSName " + missing.front() + " or collab-edge." + missing.front() +
                            ", and no SRVName _collab-edge._tls." + missing.front(),
                        evidence);
        }
    });
}

}  // namespace

extern const Check cert_edge_domain{
    .info =
        {
            .id = "cert.edge-domain",
            .summary = "The Expressway-E certificate names each edge domain as a SAN dNSName (domain or "
                       "collab-edge.domain) or as an SRVName _collab-edge._tls.domain.",
            .citation = "Cisco, Configure and Troubleshoot Collaboration Edge (MRA) Certificates (213872); "
                        "Collaboration Edge TC-based Endpoints Configuration Example (211304)",
            .severity = Severity::critical,
            .remediation = "Add the Unified CM registration domains to the SAN in DNS format (example.com) or "
                           "CollabEdgeDNS format (collab-edge.example.com) and reissue; TC/CE endpoints and "
                           "7800/8800 phones refuse the certificate otherwise.",
        },
    .run = run,
};

const Registration registration{cert_edge_domain, 2100};

}  // namespace mra::checks
