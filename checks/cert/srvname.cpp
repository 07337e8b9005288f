#include "checks/cert/subjects.hpp"
#include "util/text.hpp"
#include "x509/names.hpp"
#include "x509/subject_alt_name.hpp"

namespace mra::checks {
namespace {

// RFC 4985 §2: SRVName is an IA5String "_Service.Name" for any service; Cisco's form adds the
// protocol label (_collab-edge._tls.example.com).
std::string malformation_of(const facts::OtherName& name) {
    if (name.encoding != "IA5String")
        return "SRVName '" + name.value + "' is encoded as " + name.encoding + ", not IA5String";
    if (!x509::parse_srvname(name.value))
        return "SRVName '" + name.value + "' is not of the form _Service.Name (or _service._proto.domain)";
    return "";
}

// A well-formed SRVName for a domain the run or `--domain` did not name: a multi-domain
// certificate carries one per edge domain, so this is for information only.
bool for_another_domain(const facts::OtherName& name, const std::vector<std::string>& domains) {
    const auto parsed = x509::parse_srvname(name.value);
    return parsed && !domains.empty() && std::none_of(domains.begin(), domains.end(), [&](const std::string& domain) {
               return equal_ignoring_case(domain, parsed->domain);
           });
}

void run(const CheckContext& context, Results& results) {
    for_each_chain(context, results, "leaf", [&](const JudgedChain& subject, const facts::Chain& chain) {
        std::vector<std::string> values, problems, other_domains;
        for (const auto& other : leaf_of(chain).san.other_names) {
            if (other.type_oid != x509::srvname_oid) continue;
            values.push_back(other.value);
            if (auto problem = malformation_of(other); !problem.empty())
                problems.push_back(problem);
            else if (for_another_domain(other, subject.required.domains))
                other_domains.push_back(other.value);
        }
        const Subject part = subject_of(subject, "leaf");
        if (values.empty())
            results.add(part, Status::not_applicable, "the certificate carries no SRVName");
        else if (!problems.empty())
            results.add(part, Status::fail, problems.front(), {{"srvnames", values}, {"problems", problems}});
        else if (!other_domains.empty())
            results.add(part, Status::info,
                        "every SRVName is well formed; " + join(other_domains) + " name" +
                            (other_domains.size() == 1 ? "s" : "") + " another domain than " +
                            join(subject.required.domains) + " (a multi-domain certificate)",
                        {{"srvnames", values}, {"other_domains", other_domains}});
        else
            results.add(part, Status::pass, "every SRVName is well formed", {{"srvnames", values}});
    });
}

}  // namespace

extern const Check cert_srvname{
    .info =
        {
            .id = "cert.srvname",
            .summary = "Every SRVName otherName is an IA5String of the form _Service.Name (RFC 4985; Cisco adds the "
                       "protocol label: _collab-edge._tls.<domain>).",
            .citation = "RFC 4985 §2; Collaboration Edge TC-based Endpoints Configuration Example (211304)",
            .severity = Severity::major,
            .remediation = "Request the SRVName as IA5STRING:_collab-edge._tls.<domain> for each edge domain, or use "
                           "DNS-format SANs instead.",
        },
    .run = run,
};

const Registration registration{cert_srvname, 2110};

}  // namespace mra::checks
