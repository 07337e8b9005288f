#include "checks/cert/subjects.hpp"

namespace mra::checks {
namespace {

// The key matches a certificate or request when their SubjectPublicKeyInfo digests are equal.
void run(const CheckContext& context, Results& results) {
    const auto& inputs = context.facts().certificates;
    if (inputs.failed("key")) {
        results.add(input_subject("key"), Status::not_run, "the key could not be decoded (see cert.parse)");
        return;
    }
    if (!inputs.key) return;
    const std::string& key = inputs.key->spki_sha256;
    for (const auto& subject : judged_chains(context.facts())) {
        if (!subject.chain || subject.chain->path.empty()) {
            results.add(subject_of(subject, "leaf"), Status::not_run, "no certificate to compare the key with");
            continue;
        }
        const facts::Certificate& leaf = leaf_of(*subject.chain);
        const Evidence evidence = {{"key_spki_sha256", key}, {"certificate_spki_sha256", leaf.spki_sha256}};
        if (leaf.spki_sha256 == key)
            results.add(subject_of(subject, "leaf"), Status::pass, "the key belongs to the certificate", evidence);
        else
            results.add(subject_of(subject, "leaf"), Status::fail,
                        "the key does not match the certificate's public key", evidence);
    }
    if (inputs.csr) {
        const Evidence evidence = {{"key_spki_sha256", key}, {"csr_spki_sha256", inputs.csr->spki_sha256}};
        if (inputs.csr->spki_sha256 == key)
            results.add(input_subject("csr"), Status::pass, "the key belongs to the request", evidence);
        else
            results.add(input_subject("csr"), Status::fail, "the key does not match the request's public key",
                        evidence);
    }
}

}  // namespace

extern const Check cert_key_match{
    .info = {.id = "cert.key-match",
             .summary = "The private key given belongs to the certificate (and to the request).",
             .citation = "RFC 5280 §4.1.2.7; Expressway Certificate Guide X14.3, Troubleshooting",
             .severity = Severity::critical,
             .remediation = "Install the certificate with the key its request was generated from; a certificate "
                            "issued for another CSR cannot be used with this key.",
             .judges_input = true},
    .run = run,
};

const Registration registration{cert_key_match, 2170};

}  // namespace mra::checks
