#include "checks/edge/advertised.hpp"
#include "util/text.hpp"
#include "x509/names.hpp"
#include "x509/subject_alt_name.hpp"

namespace mra::checks {
namespace {

// Jabber's order for XMPP certificates (Jabber Planning Guide, Certificate validation): xmppAddr,
// SRVName (the _collab-edge._tls one MRA certificates carry), dNSName, subject CN.
std::string identity_for(const facts::Certificate& leaf, const std::string& domain) {
    for (const auto& other : leaf.san.other_names)
        if (other.type_oid == x509::xmppaddr_oid && equal_ignoring_case(other.value, domain))
            return "xmppAddr " + other.value;
    for (const auto& other : leaf.san.other_names)
        if (other.type_oid == x509::srvname_oid)
            if (const auto name = x509::parse_srvname(other.value);
                name && x509::srvname_matches(*name, "collab-edge", "tls", domain))
                return "SRVName " + other.value;
    for (const auto& dns : leaf.san.dns)
        if (x509::dns_name_matches(dns, domain)) return "dNSName " + dns;
    if (!leaf.common_name.empty() && x509::dns_name_matches(leaf.common_name, domain))
        return "subject CN " + leaf.common_name;
    return {};
}

void run(const CheckContext& context, Results& results) {
    const auto& endpoints = context.facts().xmpp;
    if (advertised::report_unprobed(context, results, !endpoints.empty(), "xmppEdgeServer", "edge.xmpp-servers"))
        return;
    for (const auto& endpoint : endpoints) {
        const std::string subject = endpoint.tls.host + ":" + std::to_string(endpoint.tls.port);
        const auto& chain = endpoint.tls.chain;
        if (!chain || chain->path.empty()) {
            results.add(subject, Status::not_run, "no certificate from STARTTLS (see xmpp.starttls)");
            continue;
        }
        const auto& leaf = chain->presented[chain->path.front()];
        if (const std::string identity = identity_for(leaf, endpoint.domain); !identity.empty())
            results.add(subject, Status::pass, "covers " + endpoint.domain + " by " + identity);
        else
            results.add(subject, Status::fail,
                        "the certificate covers " + endpoint.domain + " by none of xmppAddr, SRVName, dNSName, CN",
                        {{"dns_names", leaf.san.dns}, {"common_name", leaf.common_name}});
    }
}

}  // namespace

extern const Check xmpp_identity{
    .info =
        {
            .id = "xmpp.identity",
            .summary = "The XMPP edge certificate covers the domain by xmppAddr, SRVName, dNSName or CN, the "
                       "identities Jabber checks in that order.",
            .citation = "Cisco Jabber Planning Guide, Certificate validation (XMPP certificates); RFC 6120 §13.7.2",
            .severity = Severity::major,
            .remediation = "Reissue the Expressway-E certificate with the domain as a SAN dNSName (or the SRVName "
                           "_collab-edge._tls.<domain>).",
        },
    .run = run,
};

}  // namespace mra::checks
