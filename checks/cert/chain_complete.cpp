#include "checks/cert/subjects.hpp"

namespace mra::checks {
namespace {

// Phones, TC/CE endpoints and iOS do not fetch a missing intermediate (no AIA chasing): a chain is
// complete when the certificates presented reach a self-signed certificate, or one whose issuer is
// the trust anchor itself. When validation went from the top certificate through more of the
// trust store (--ca-bundle holding the intermediate as well as the root) before its anchor, the
// top certificate's issuer is an intermediate that only this tool's trust store supplied.
bool issuer_is_anchor(const facts::Chain& chain, const facts::Certificate& top) {
    return !chain.trust.trusted || chain.trust.anchor.empty() || chain.trust.anchor == top.issuer;
}

void run(const CheckContext& context, Results& results) {
    for_each_chain(context, results, "chain", [&](const JudgedChain& subject, const facts::Chain& chain) {
        const facts::Certificate& top = chain.presented[chain.path.back()];
        const Evidence evidence = {{"top", top.subject}, {"top_issuer", top.issuer}};
        if (top.self_signed)
            results.add(subject_of(subject, "chain"), Status::pass,
                        "the chain runs up to the self-signed " + top.subject, evidence);
        else if (chain.top_issuer_in_store && !issuer_is_anchor(chain, top))
            results.add(subject_of(subject, "chain"), Status::warn,
                        "the intermediate " + top.issuer + " was not presented; it is in the trust store (" +
                            chain.trust.store + ") below the anchor " + chain.trust.anchor +
                            ", but phones and iOS do not fetch a missing intermediate: present it",
                        Evidence{{"top", top.subject}, {"top_issuer", top.issuer}, {"anchor", chain.trust.anchor}});
        else if (chain.top_issuer_in_store)
            results.add(subject_of(subject, "chain"), Status::pass,
                        "the chain reaches " + top.issuer + ", a certificate of the trust store", evidence);
        else
            results.add(subject_of(subject, "chain"), Status::fail,
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
            .citation = "Cisco, Troubleshoot Expressway Certificates (221624); RFC 8446 §4.4.2; Expressway "
                        "Certificate Creation and Use Deployment Guide (the server certificate with its intermediates)",
            .severity = Severity::major,
            .remediation = "Append the issuing and every intermediate CA certificate to the server certificate "
                           "(and add them to the Expressway trusted CA list); clients and phones do not fetch "
                           "missing intermediates.",
        },
    .run = run,
};

const Registration registration{cert_chain_complete, 2020};

}  // namespace mra::checks
