#include "checks/cert/subjects.hpp"

namespace mra::checks {
namespace {

// An attribute whose OID has no standard short name is shown numerically, and Expressway then
// fails to build its SSH tunnels (e.g. EV jurisdiction OIDs).
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
                        "every subject and issuer attribute is a standard one");
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
            .citation = "Expressway Certificate Guide X14.3, Troubleshooting (unknown OIDs break SSH tunnels)",
            .severity = Severity::major,
            .remediation = "Request the certificate without non-standard subject attributes (for example EV "
                           "jurisdiction fields); use a certificate profile with CN, O, OU, L, ST, C only.",
        },
    .run = run,
};

const Registration registration{cert_subject_oids, 2150};

}  // namespace mra::checks
