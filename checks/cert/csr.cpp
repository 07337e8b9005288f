#include "checks/cert/problems.hpp"
#include "checks/cert/rules.hpp"
#include "checks/cert/subjects.hpp"

namespace mra::checks {
namespace {

// The rules an issued Expressway certificate must meet, applied to the request before it goes to
// the CA: a CA copies names, EKU and key from the request.
// The EKU rule is cert.eku's, with the same role and version: a clientAuth-less request for an
// Expressway-E is fine from X15.4, a warning when the version is unknown; so is the key rule, as
// cert.key-strength applies it (an 8192-bit key warns, a 1024-bit one fails).
Problems problems_of(const facts::CertificateRequest& csr, const facts::Requirements& wanted, const EkuVerdict& eku) {
    Problems problems;
    if (!csr.signature_valid) problems.add(Status::fail, "the request's self-signature does not verify");
    if (eku.status != Status::pass) problems.add(eku.status, eku.message);
    if (auto verdict = key_verdict(csr.key_algorithm, csr.key_bits, true); !verdict.problem.empty())
        problems.add(verdict.fail ? Status::fail : Status::warn, verdict.problem);
    if (is_broken_hash(csr.signature_hash) || csr.signature_hash == "SHA-1")
        problems.add(Status::fail, "the request is signed with " + csr.signature_hash);
    if (wanted.role == facts::Role::expressway_e)
        for (const auto& domain : wanted.domains)
            if (!edge_domain_covered(csr.san, domain))
                problems.add(Status::fail, "no SAN " + domain + ", collab-edge." + domain +
                                               " or SRVName _collab-edge._tls." + domain);
    for (const auto& host : uncovered_hosts(csr.san, csr.common_name, wanted.hosts))
        problems.add(Status::fail, "the names do not cover " + host);
    return problems;
}

void run(const CheckContext& context, Results& results) {
    const auto& inputs = context.facts().certificates;
    if (inputs.failed("csr")) {
        results.add(input_subject("csr"), Status::not_run, "the request could not be decoded (see cert.parse)");
        return;
    }
    if (!inputs.csr) return;
    const KnownVersion known = expressway_version_for(context, inputs.csr_required.hosts);
    const EkuVerdict eku = eku_verdict(inputs.csr->extended_key_usage, inputs.csr_required.role, known);
    const Problems problems = problems_of(*inputs.csr, inputs.csr_required, eku);
    Evidence evidence = {{"subject", inputs.csr->subject},
                         {"san_dns", inputs.csr->san.dns},
                         {"extended_key_usage", inputs.csr->extended_key_usage},
                         {"expressway_version", known.version ? known.version->text() : "unknown"},
                         {"version_source", known.source}};
    if (problems.empty()) {
        results.add(input_subject("csr"), Status::pass,
                    "the request asks for every name, usage and key strength the certificate needs", evidence);
        return;
    }
    evidence["problems"] = problems.all();
    results.add(input_subject("csr"), problems.status(), problems.headline(), evidence);
}

}  // namespace

extern const Check cert_csr{
    .info =
        {
            .id = "cert.csr",
            .summary = "The certificate request asks for every name, extended key usage and key strength the issued "
                       "certificate will need.",
            .citation = "RFC 2986; Expressway Certificate Creation and Use Guide X15.5, Managing Expressway "
                        "Certificates; Cisco TAC 225482, Prepare Expressway for Client Auth EKU Sunset in Public CA "
                        "Certificates",
            .severity = Severity::major,
            .remediation = "Generate the request again with the Expressway CSR tool (or OpenSSL) listing every "
                           "domain and peer FQDN, serverAuth (and clientAuth for an Expressway-C, or an Expressway-E "
                           "before X15.4), and an RSA 2048–4096-bit key.",
            .options = {expressway_version_option},
        },
    .run = run,
};

const Registration registration{cert_csr, 2180};

}  // namespace mra::checks
