#include "checks/cert/subjects.hpp"

namespace mra::checks {
namespace {

void run(const CheckContext& context, Results& results) {
    for_each_chain(context, results, "leaf", [&](const JudgedChain& subject, const facts::Chain& chain) {
        const facts::Certificate& leaf = leaf_of(chain);
        std::vector<std::string> wildcards;
        if (leaf.common_name.find('*') != std::string::npos) wildcards.push_back("CN=" + leaf.common_name);
        for (const auto& name : leaf.san.dns)
            if (name.find('*') != std::string::npos) wildcards.push_back("DNS:" + name);
        if (wildcards.empty())
            results.add(subject_of(subject, "leaf"), Status::pass, "no wildcard names");
        else
            results.add(subject_of(subject, "leaf"), Status::fail, "wildcard name " + wildcards.front(),
                        {{"wildcards", wildcards}});
    });
}

}  // namespace

extern const Check cert_wildcard{
    .info =
        {
            .id = "cert.wildcard",
            .summary = "The Expressway certificate names no wildcard in its subject CN or SAN.",
            .citation = "Cisco, Configure and Troubleshoot Collaboration Edge (MRA) Certificates (213872)",
            .severity = Severity::major,
            .remediation = "Request a certificate that lists every Expressway FQDN and domain explicitly; wildcard "
                           "certificates are not supported for MRA.",
        },
    .run = run,
};

const Registration registration{cert_wildcard, 2130};

}  // namespace mra::checks
