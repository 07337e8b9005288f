#include "checks/cert/subjects.hpp"

namespace mra::checks {
namespace {

void run(const CheckContext& context, Results& results) {
    for_each_chain(context, results, "chain", [&](const JudgedChain& subject, const facts::Chain& chain) {
        const facts::Certificate& top = chain.presented[chain.path.back()];
        const Evidence evidence = {{"top", top.subject}, {"top_issuer", top.issuer}};
        if (top.self_signed)
            results.add(subject_name(subject, "chain"), Status::pass,
                        "the chain runs up to the self-signed " + top.subject, evidence);
        else if (chain.top_issuer_in_store)
            results.add(subject_name(subject, "chain"), Status::pass,
                        "the chain reaches " + top.issuer + ", a certificate of the trust store", evidence);
        else
            results.add(subject_name(subject, "chain"), Status::fail,
                        "the issuer of " + top.subject + " (" + top.issuer +
                            ") was not presented and is not in the trust store: an intermediate is missing",
                        evidence);
    });
}

}  // namespace

extern const Check cert_chain_complete{
    .info =
        {
            .id = "cert.chain-complete",
            .summary = "Every intermediate needed to reach a trust anchor is presented with the certificate.",
            .citation = "Cisco, Troubleshoot Expressway Certificates (221624); RFC 8446 §4.4.2",
            .severity = Severity::major,
            .remediation = "Append the issuing and every intermediate CA certificate to the server certificate "
                           "(and add them to the Expressway trusted CA list); clients and phones do not fetch "
                           "missing intermediates.",
        },
    .run = run,
};

}  // namespace mra::checks
