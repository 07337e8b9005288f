#include "checks/cert/subjects.hpp"
#include "util/text.hpp"

namespace mra::checks {
namespace {

// The names a certificate answers to: DNS and IP SANs and otherName values, compared case-insensitively.
std::vector<std::string> names_of(const facts::Certificate& cert) {
    std::vector<std::string> names;
    for (const auto& name : cert.san.dns) names.push_back("DNS:" + lower_case(name));
    for (const auto& address : cert.san.ip) names.push_back("IP:" + address);
    for (const auto& other : cert.san.other_names)
        names.push_back("otherName " + other.type_oid + ":" + lower_case(other.value));
    return names;
}

std::vector<std::string> minus(const std::vector<std::string>& a, const std::vector<std::string>& b) {
    std::vector<std::string> result;
    for (const auto& name : a)
        if (std::find(b.begin(), b.end(), name) == b.end()) result.push_back(name);
    return result;
}

void run(const CheckContext& context, Results& results) {
    const auto& inputs = context.facts().certificates;
    if (inputs.failed("previous")) {
        results.add(input_subject("leaf"), Status::not_run,
                    "the previous certificate could not be decoded (see cert.parse)");
        return;
    }
    if (!inputs.previous) return;
    const auto old_names = names_of(*inputs.previous);
    for_each_chain(context, results, "leaf", [&](const JudgedChain& subject, const facts::Chain& chain) {
        const auto new_names = names_of(leaf_of(chain));
        const auto lost = minus(old_names, new_names);
        const auto added = minus(new_names, old_names);
        const Evidence evidence = {{"lost", lost}, {"added", added}, {"previous", inputs.previous->subject}};
        const Subject part = subject_of(subject, "leaf");
        if (!lost.empty())
            results.add(part, Status::fail, "the new certificate drops " + join(lost), evidence);
        else if (!added.empty())
            results.add(part, Status::info, "keeps every name of the previous certificate and adds " + join(added),
                        evidence);
        else
            results.add(part, Status::pass, "names exactly what the previous certificate named", evidence);
    });
}

}  // namespace

extern const Check cert_renewal_names{
    .info =
        {
            .id = "cert.renewal-names",
            .summary = "A renewed certificate keeps every SAN and SRVName of the certificate it replaces.",
            .citation = "Expressway Certificate Creation and Use Guide X15.5, Managing Expressway Certificates",
            .severity = Severity::critical,
            .remediation = "Request the renewal with every name of the current certificate (the Expressway CSR tool "
                           "pre-fills them); a lost peer FQDN or domain breaks the clients that use it.",
        },
    .run = run,
};

const Registration registration{cert_renewal_names, 2190};

}  // namespace mra::checks
