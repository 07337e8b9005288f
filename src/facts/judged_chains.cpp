#include "facts/judged_chains.hpp"

#include "facts/dns_names.hpp"

namespace mra::facts {
namespace {

std::string why_no_edges(const DnsFacts& dns, const std::string& srv_name) {
    const auto* query = dns.find(DnsView::external, srv_name, "SRV");
    if (!query) return "no Expressway-E discovered: " + srv_name + " was not asked";
    if (query->outcome == DnsOutcome::answer)
        return "no Expressway-E discovered: every " + srv_name + " target is \".\"";
    const std::string detail = !query->error.empty() ? query->error : query->rcode;
    return "no Expressway-E discovered: " + srv_name + " has no SRV record in the external view" +
           (detail.empty() ? "" : " (" + detail + ")");
}

}  // namespace

std::vector<JudgedChain> judged_chains(const Facts& facts) {
    std::vector<JudgedChain> chains;
    for (const auto& subject : facts.certificates.chains)
        chains.push_back(
            {subject.label, subject.required, subject.chain ? &*subject.chain : nullptr, subject.unavailable_reason});
    if (!facts.dns) return chains;

    for (const auto& edge : facts.edges) {
        JudgedChain chain{edge.host + ":" + std::to_string(edge.port),
                          {Role::expressway_e, {edge.host}, {facts.target}}};
        chain.service = "collab-edge";  // facts.edges are the _collab-edge targets
        if (edge.chain && !edge.chain->presented.empty())
            chain.chain = &*edge.chain;
        else
            chain.unavailable_reason = edge.outcome == TransportOutcome::not_public  // never tried
                                           ? edge.error + " (see dns.public-address)"
                                           : "TLS to " + chain.label + " failed: " + edge.error;
        chains.push_back(std::move(chain));
    }
    // The same Expressway-Es on their SIP (5061) and XMPP (5222) ports: a client judges those
    // certificates too. Failed connections are the sip.tls and xmpp.starttls checks' business.
    const auto add_established = [&](const TlsEndpoint& endpoint) {
        if (endpoint.outcome == TransportOutcome::established && endpoint.chain && !endpoint.chain->presented.empty())
            chains.push_back({endpoint.host + ":" + std::to_string(endpoint.port),
                              {Role::expressway_e, {endpoint.host}, {facts.target}},
                              &*endpoint.chain,
                              "",
                              endpoint.service});
    };
    for (const auto& endpoint : facts.sip) add_established(endpoint.tls);
    for (const auto& endpoint : facts.xmpp) add_established(endpoint.tls);
    if (facts.edges.empty() && facts.sip.empty() && facts.xmpp.empty()) {
        const std::string srv_name = dns::service_name(dns::collab_edge, facts.target);
        chains.push_back({srv_name,
                          {Role::expressway_e, {}, {facts.target}},
                          nullptr,
                          why_no_edges(*facts.dns, srv_name),
                          "collab-edge"});
    }
    return chains;
}

}  // namespace mra::facts
