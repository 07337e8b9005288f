#include "checks/cert/subjects.hpp"
#include "util/time.hpp"

namespace mra::checks {
namespace {

void run(const CheckContext& context, Results& results) {
    for_each_chain(context, results, "chain", [&](const JudgedChain& subject, const facts::Chain& chain) {
        const Evidence evidence = {{"store", chain.trust.store},
                                   {"validator", chain.trust.result},
                                   {"evaluated_at", rfc3339(chain.trust.evaluated_at)}};
        if (chain.trust.trusted)
            results.add(subject_of(subject, "chain"), Status::pass,
                        "valid path to the trust anchor " + chain.trust.anchor, evidence);
        else
            results.add(subject_of(subject, "chain"), Status::fail,
                        "no valid path to a trust anchor of " + chain.trust.store + ": " + chain.trust.result,
                        evidence);
    });
}

}  // namespace

extern const Check cert_chain_trusted{
    .info =
        {
            .id = "cert.chain-trusted",
            .summary = "The chain validates to a trust anchor of the CA bundle (or the system store) at the "
                       "evaluation time.",
            .citation = "RFC 5280 §6; Cisco MRA Deployment Guide X15.0, MRA Requirements (certificates)",
            .severity = Severity::critical,
            .remediation = "Have the certificate issued by a CA the clients trust (7800/8800 phones only trust "
                           "public CAs in their fixed list); present the complete chain; check --ca-bundle.",
        },
    .run = run,
};

const Registration registration{cert_chain_trusted, 2030};

}  // namespace mra::checks
