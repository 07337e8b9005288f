#include "checks/cert/subjects.hpp"
#include "util/text.hpp"
#include "x509/names.hpp"
#include "x509/subject_alt_name.hpp"

namespace mra::checks {
namespace {

// RFC 4985 §2: SRVName is an IA5String "_Service.Name"; Cisco's form adds the protocol label.
std::string problem_of(const facts::OtherName& name, const std::vector<std::string>& domains) {
    if (name.encoding != "IA5String")
        return "SRVName '" + name.value + "' is encoded as " + name.encoding + ", not IA5String";
    const auto parsed = x509::parse_srvname(name.value);
    if (!parsed) return "SRVName '" + name.value + "' is not of the form _service._proto.domain";
    if (!domains.empty() && std::none_of(domains.begin(), domains.end(), [&](const std::string& domain) {
            return equal_ignoring_case(domain, parsed->domain);
        }))
        return "SRVName '" + name.value + "' names the domain " + parsed->domain + ", not " + join(domains);
    return "";
}

void run(const CheckContext& context, Results& results) {
    for_each_chain(context, results, "leaf", [&](const JudgedChain& subject, const facts::Chain& chain) {
        std::vector<std::string> values, problems;
        for (const auto& other : leaf_of(chain).san.other_names) {
            if (other.type_oid != x509::srvname_oid) continue;
            values.push_back(other.value);
            if (auto problem = problem_of(other, subject.required.domains); !problem.empty())
                problems.push_back(problem);
        }
        const std::string part = subject_name(subject, "leaf");
        if (values.empty())
            results.add(part, Status::not_applicable, "the certificate carries no SRVName");
        else if (problems.empty())
            results.add(part, Status::pass, "every SRVName is well formed and names the service domain",
                        {{"srvnames", values}});
        else
            results.add(part, Status::fail, problems.front(), {{"srvnames", values}, {"problems", problems}});
    });
}

}  // namespace

extern const Check cert_srvname{
    .info =
        {
            .id = "cert.srvname",
            .summary = "Every SRVName otherName is an IA5String of the form _service._proto.domain for the service "
                       "domain.",
            .citation = "RFC 4985 §2; Collaboration Edge TC-based Endpoints Configuration Example (211304)",
            .severity = Severity::major,
            .remediation = "Request the SRVName as IA5STRING:_collab-edge._tls.<domain> for each edge domain, or use "
                           "DNS-format SANs instead.",
        },
    .run = run,
};

}  // namespace mra::checks
