#include "checks/cert/rules.hpp"
#include "checks/cert/subjects.hpp"

namespace mra::checks {
namespace {

// The rules an issued Expressway certificate must meet, applied to the request before it goes to
// the CA: a CA copies names, EKU and key from the request.
std::vector<std::string> problems_of(const facts::CertificateRequest& csr, const facts::Requirements& wanted) {
    std::vector<std::string> problems;
    if (!csr.signature_valid) problems.push_back("the request's self-signature does not verify");
    if (auto problem = eku_problem(csr.extended_key_usage); !problem.empty()) problems.push_back(problem);
    if (auto verdict = key_verdict(csr.key_algorithm, csr.key_bits, true); !verdict.problem.empty())
        problems.push_back(verdict.problem);
    if (csr.signature_hash == "MD5" || csr.signature_hash == "SHA-1")
        problems.push_back("the request is signed with " + csr.signature_hash);
    if (wanted.role == facts::Role::expressway_e)
        for (const auto& domain : wanted.domains)
            if (!edge_domain_covered(csr.san, domain))
                problems.push_back("no SAN " + domain + ", collab-edge." + domain + " or SRVName _collab-edge._tls." +
                                   domain);
    for (const auto& host : uncovered_hosts(csr.san, csr.common_name, wanted.hosts))
        problems.push_back("the names do not cover " + host);
    return problems;
}

void run(const CheckContext& context, Results& results) {
    const auto& inputs = context.facts().certificates;
    if (inputs.failed("csr")) {
        results.add("csr", Status::not_run, "the request could not be decoded (see cert.parse)");
        return;
    }
    if (!inputs.csr) return;
    const auto problems = problems_of(*inputs.csr, inputs.csr_required);
    const Evidence evidence = {{"subject", inputs.csr->subject}, {"san_dns", inputs.csr->san.dns}};
    if (problems.empty())
        results.add("csr", Status::pass,
                    "the request asks for every name, usage and key strength the certificate needs", evidence);
    else
        results.add("csr", Status::fail, problems.front(),
                    Evidence{{"problems", problems}, {"subject", inputs.csr->subject}});
}

}  // namespace

extern const Check cert_csr{
    .info =
        {
            .id = "cert.csr",
            .summary = "The certificate request asks for every name, extended key usage and key strength the issued "
                       "certificate will need.",
            .citation = "RFC 2986; Expressway Certificate Creation and Use Guide X15.5, Managing Expressway "
                        "Certificates",
            .severity = Severity::major,
            .remediation = "Generate the request again with the Expressway CSR tool (or OpenSSL) listing every "
                           "domain and peer FQDN, serverAuth and clientAuth, and an RSA 2048–4096-bit key.",
        },
    .run = run,
};

}  // namespace mra::checks
