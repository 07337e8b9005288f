#include "checks/cert/subjects.hpp"

namespace mra::checks {
namespace {

// Offline inputs that do not decode fail; a live endpoint whose chain could not be obtained at all
// leaves nothing to decode (not_run, with why).
void run(const CheckContext& context, Results& results) {
    const auto& inputs = context.facts().certificates;
    for (const auto& failure : inputs.failures)
        results.add(input_subject(failure.input), Status::fail, failure.message, {{"source", failure.source}});
    if (!inputs.failures.empty()) return;
    bool anything_decoded = inputs.key || inputs.csr || inputs.previous;
    for (const auto& subject : judged_chains(context.facts())) {
        if (subject.chain)
            anything_decoded = true;
        else
            results.add(subject_of(subject, "chain"), Status::not_run, subject.unavailable_reason);
    }
    if (anything_decoded)
        results.add(input_subject("inputs"), Status::pass, "every certificate, key and request obtained was decoded");
}

}  // namespace

extern const Check cert_parse{
    .info = {.id = "cert.parse",
             .summary = "Every certificate, key and certificate request given can be decoded.",
             .citation = "RFC 5280 §4.1; RFC 7468 (PEM); RFC 2986 (PKCS #10)",
             .severity = Severity::critical,
             .remediation =
                 "Give PEM or DER files: certificates as 'BEGIN CERTIFICATE' blocks, the key as an "
                 "unencrypted PKCS #8 'BEGIN PRIVATE KEY' block, the request as 'BEGIN CERTIFICATE REQUEST'. "
                 "Re-export the file from the CA or the Expressway if it was cut or converted.",
             .judges_input = true},
    .run = run,
};

const Registration registration{cert_parse, 2000};

}  // namespace mra::checks
