#include "checks/cert/rules.hpp"
#include "checks/cert/subjects.hpp"

namespace mra::checks {
namespace {

void run(const CheckContext& context, Results& results) {
    for_each_chain(context, results, "leaf", [&](const JudgedChain& subject, const facts::Chain& chain) {
        const facts::Certificate& leaf = leaf_of(chain);
        const std::string problem = eku_problem(leaf.extended_key_usage);
        const Evidence evidence = {{"extended_key_usage", leaf.extended_key_usage}};
        if (problem.empty())
            results.add(subject_name(subject, "leaf"), Status::pass, "serverAuth and clientAuth are both present",
                        evidence);
        else
            results.add(subject_name(subject, "leaf"), Status::fail, problem, evidence);
    });
}

}  // namespace

extern const Check cert_eku{
    .info =
        {
            .id = "cert.eku",
            .summary = "The Expressway certificate carries both the serverAuth and the clientAuth extended key usage.",
            .citation = "Expressway Administrator Guide X15.4, Unified Communications; Expressway Certificate Guide "
                        "X12.6, Generate Certificate Using OpenSSL Only",
            .severity = Severity::critical,
            .remediation = "Request the certificate with extendedKeyUsage = serverAuth, clientAuth (the Expressway "
                           "CSR tool does this); with MRA enabled the Expressway refuses it otherwise.",
        },
    .run = run,
};

}  // namespace mra::checks
