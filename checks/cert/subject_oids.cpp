#include "checks/cert/subjects.hpp"

namespace mra::checks {
namespace {

// An attribute whose OID OpenSSL cannot name is shown as a bare number, and Expressway then fails to
// build its SSH tunnels; a named one (EV jurisdictionC, businessCategory, …) is fine.
void collect(const std::vector<facts::NameAttribute>& attributes, std::string_view where,
             std::vector<std::string>& unknown) {
    for (const auto& attribute : attributes)
        if (attribute.name.empty()) unknown.push_back(std::string(where) + " " + attribute.oid + "=" + attribute.value);
}

void run(const CheckContext& context, Results& results) {
    for_each_chain(context, results, "leaf", [&](const JudgedChain& subject, const facts::Chain& chain) {
        const facts::Certificate& leaf = leaf_of(chain);
        std::vector<std::string> unknown;
        collect(leaf.subject_attributes, "subject", unknown);
        collect(leaf.issuer_attributes, "issuer", unknown);
        if (unknown.empty())
            results.add(subject_of(subject, "leaf"), Status::pass,
                        "every subject and issuer attribute has a name Expressway decodes");
        else
            results.add(subject_of(subject, "leaf"), Status::fail, "undecodable attribute " + unknown.front(),
                        {{"attributes", unknown}});
    });
}

}  // namespace

extern const Check cert_subject_oids{
    .info =
        {
            .id = "cert.subject-oids",
            .summary = "The subject and issuer DNs hold only attributes Expressway can decode.",
            .citation = "Expressway Certificate Creation and Use Deployment Guide X15.0, Troubleshooting (Issues "
                        "with SSH Failures and Unsupported OIDs)",
            .severity = Severity::major,
            .remediation = "Request the certificate without the attribute Expressway shows as a bare number (an "
                           "OID only the CA knows); use a certificate profile with the usual attributes (CN, O, OU, "
                           "L, ST, C; EV fields such as jurisdictionC are fine).",
        },
    .run = run,
};

const Registration registration{cert_subject_oids, 2150};

}  // namespace mra::checks
