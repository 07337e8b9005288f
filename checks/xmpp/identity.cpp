#include "checks/xmpp/endpoints.hpp"
#include "util/text.hpp"
#include "x509/names.hpp"
#include "x509/subject_alt_name.hpp"

namespace mra::checks {
namespace {

// Jabber's order for the IM and Presence domain in XMPP certificates (Jabber Planning Guide,
// Certificate validation): xmppAddr, SRVName (the _collab-edge._tls one MRA certificates carry, or
// RFC 6120 §13.7.1.2.1's _xmpp-client), dNSName, subject CN.
std::string domain_identity(const facts::Certificate& leaf, const std::string& domain) {
    for (const auto& other : leaf.san.other_names)
        if (other.type_oid == x509::xmppaddr_oid && equal_ignoring_case(other.value, domain))
            return "xmppAddr " + other.value;
    for (const auto& other : leaf.san.other_names)
        if (other.type_oid == x509::srvname_oid)
            if (const auto name = x509::parse_srvname(other.value);
                name && (x509::srvname_matches(*name, "collab-edge", "tls", domain) ||
                         x509::srvname_matches(*name, "xmpp-client", "", domain)))
                return "SRVName " + other.value;
    for (const auto& dns : leaf.san.dns)
        if (x509::dns_name_matches(dns, domain)) return "dNSName " + dns;
    if (!leaf.common_name.empty() && x509::dns_name_matches(leaf.common_name, domain))
        return "subject CN " + leaf.common_name;
    return {};
}

void run(const CheckContext& context, Results& results) {
    xmpp::for_each_endpoint(context, results, [&](const facts::XmppEndpoint& endpoint, const std::string& subject) {
        const auto& chain = endpoint.tls.chain;
        if (!chain || chain->path.empty()) {
            results.add(subject, Status::not_run, "no certificate from STARTTLS (see xmpp.starttls)");
            return;
        }
        // Jabber connects to the xmppEdgeServer by name and checks that name (RFC 6125 §6.4 DNS-ID:
        // the SAN dNSNames, the CN only without them). Covering the IM and Presence domain as well
        // matters for federation, not for the client: information.
        const auto& leaf = chain->presented[chain->path.front()];
        const std::string& host = endpoint.tls.host;
        const std::string identity = domain_identity(leaf, endpoint.domain);
        const Evidence evidence = {{"host", host},
                                   {"im_and_presence_domain", endpoint.domain},
                                   {"domain_identity", identity.empty() ? "none" : identity},
                                   {"dns_names", leaf.san.dns},
                                   {"common_name", leaf.common_name}};
        if (!x509::names_cover_host(leaf.san, leaf.common_name, host))
            results.add(subject, Status::fail,
                        "the certificate does not cover " + host + ", the name Jabber connects to" +
                            (identity.empty() ? "" : " (it covers " + endpoint.domain + " by " + identity + ")"),
                        evidence);
        else if (identity.empty())
            results.add(subject, Status::info,
                        "covers " + host + "; not the IM and Presence domain " + endpoint.domain +
                            " by xmppAddr, SRVName, dNSName or CN (this matters for federation, not for Jabber)",
                        evidence);
        else
            results.add(subject, Status::pass, "covers " + host + ", and " + endpoint.domain + " by " + identity,
                        evidence);
    });
}

}  // namespace

extern const Check xmpp_identity{
    .info =
        {
            .id = "xmpp.identity",
            .summary = "The certificate on each xmppEdgeServer covers that server's FQDN (information: whether it also "
                       "covers the IM and Presence domain by xmppAddr, SRVName, dNSName or CN).",
            .citation = "RFC 6125 §6.4 (DNS-ID); Cisco Jabber Planning Guide, Certificate validation (XMPP "
                        "certificates); RFC 6120 §13.7.2; Expressway Certificate Creation and Use Deployment Guide "
                        "(collab-edge.<domain> names)",
            .severity = Severity::major,
            .remediation = "Reissue the Expressway-E certificate with each peer's FQDN (the xmppEdgeServer names) as "
                           "SAN dNSNames, and the domain (or collab-edge.<domain>, or the SRVName "
                           "_collab-edge._tls.<domain>) for the edge domain.",
        },
    .run = run,
};

const Registration registration{xmpp_identity, 7010};

}  // namespace mra::checks
