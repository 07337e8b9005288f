#include "checks/cert/subjects.hpp"
#include "x509/subject_alt_name.hpp"

namespace mra::checks {
namespace {

void run(const CheckContext& context, Results& results) {
    for_each_chain(context, results, "leaf", [&](const JudgedChain& subject, const facts::Chain& chain) {
        std::vector<std::string> values;
        for (const auto& other : leaf_of(chain).san.other_names)
            if (other.type_oid == x509::xmppaddr_oid) values.push_back(other.value);
        if (values.empty())
            results.add(subject_of(subject, "leaf"), Status::pass, "no XmppAddr otherName");
        else
            results.add(subject_of(subject, "leaf"), Status::info,
                        "carries XmppAddr " + values.front() + "; Cisco advises DNS-format SANs for XMPP domains",
                        {{"xmppaddrs", values}});
    });
}

}  // namespace

extern const Check cert_xmppaddr{
    .info =
        {
            .id = "cert.xmppaddr",
            .summary = "Reports XmppAddr otherNames, which Cisco advises replacing with DNS-format SANs.",
            .citation = "RFC 6120 §13.7.1.4; Expressway Certificate Creation and Use Guide X15.5 (XMPP federation "
                        "domains: do not use the XMPPAddress format)",
            .severity = Severity::info,
            .remediation = "List XMPP federation domains as SAN dNSNames; the XMPPAddress format may not be "
                           "supported by the CA and may be discontinued.",
        },
    .run = run,
};

const Registration registration{cert_xmppaddr, 2120};

}  // namespace mra::checks
