#include "checks/cert/rules.hpp"
#include "checks/cert/subjects.hpp"
#include "util/text.hpp"

namespace mra::checks {
namespace {

void run(const CheckContext& context, Results& results) {
    for_each_chain(context, results, "leaf", [&](const JudgedChain& subject, const facts::Chain& chain) {
        if (subject.required.hosts.empty()) return;  // no name was required of this certificate
        const facts::Certificate& leaf = leaf_of(chain);
        const auto missing = uncovered_hosts(leaf.san, leaf.common_name, subject.required.hosts);
        Evidence evidence = {
            {"required", subject.required.hosts}, {"san_dns", leaf.san.dns}, {"common_name", leaf.common_name}};
        if (missing.empty())
            results.add(subject_of(subject, "leaf"), Status::pass, "covers every required host name", evidence);
        else {
            evidence["missing"] = missing;
            results.add(subject_of(subject, "leaf"), Status::fail, "does not cover " + join(missing), evidence);
        }
    });
}

}  // namespace

extern const Check cert_hostname{
    .info =
        {
            .id = "cert.hostname",
            .summary = "Every host name clients connect to is matched by a SAN dNSName of the certificate.",
            .citation = "RFC 6125 §6.4; Cisco MRA Deployment Guide X15.0 (Expressway-E aliases in the SAN)",
            .severity = Severity::critical,
            .remediation = "Add every Expressway-E FQDN clients reach (cluster name and each peer, the SRV targets) "
                           "as a SAN dNSName and have the certificate reissued.",
        },
    .run = run,
};

const Registration registration{cert_hostname, 2090};

}  // namespace mra::checks
