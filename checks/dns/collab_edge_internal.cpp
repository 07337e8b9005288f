#include "checks/dns/lookup.hpp"
#include "facts/dns_names.hpp"
#include "util/text.hpp"

namespace mra::checks {
namespace {

// Jabber looks for _cisco-uds, then _cuplogin, then _collab-edge, and takes the first it finds
// (Planning Guide for Cisco Jabber 14.1, Service Discovery). An internal _collab-edge therefore matters
// only when neither of the others answers inside: then internal clients sign in through the edge.
void run(const CheckContext& context, Results& results) {
    const facts::DnsFacts* dns = dns::dns_facts(context);
    if (!dns) return;
    const std::string name = dns::record_name(context, facts::dns::collab_edge);
    if (!dns::internal_view_given(*dns, results, name)) return;
    const facts::DnsQuery* edge = dns::clean_query(*dns, results, facts::DnsView::internal, name, "SRV", name);
    if (!edge) return;
    Evidence evidence = dns::evidence_of(*edge);
    if (dns::offered(*edge).empty()) {
        results.add(name, Status::pass, "not published in the internal view (" + dns::describe(*edge) + ")", evidence);
        return;
    }
    std::vector<std::string> records;
    for (const auto& record : dns::offered(*edge)) records.push_back(facts::dns::to_string(record));
    for (const std::string_view service : {facts::dns::cisco_uds, facts::dns::cuplogin}) {
        const std::string first = dns::record_name(context, service);
        const facts::DnsQuery* query = dns::clean_query(*dns, results, facts::DnsView::internal, first, "SRV", name);
        if (!query) return;
        evidence[std::string(service)] = dns::evidence_of(*query);
        if (!dns::offered(*query).empty()) {
            results.add(name, Status::pass,
                        "published in the internal view (" + join(records) + "), but " + first +
                            " answers there too and Jabber takes it first",
                        evidence);
            return;
        }
    }
    results.add(name, Status::warn,
                "resolves in the internal view to " + join(records) +
                    " and neither _cisco-uds nor _cuplogin does: clients inside the network sign in through the "
                    "Expressway-E (fine for an \"always MRA\" design; otherwise publish _cisco-uds internally)",
                evidence);
}

}  // namespace

extern const Check dns_collab_edge_internal{
    .info =
        {
            .id = "dns.collab-edge-internal",
            .summary = "Inside the network, _collab-edge._tls.<domain> is absent or comes after a _cisco-uds or "
                       "_cuplogin record that Jabber takes first.",
            .citation = "Planning Guide for Cisco Jabber 14.1, Service Discovery (_cisco-uds, _cuplogin, then "
                        "_collab-edge)",
            .severity = Severity::minor,
            .remediation = "Publish _cisco-uds._tcp.<domain> in the internal DNS view so that internal clients "
                           "register to Unified CM directly; leave it as is only for an \"always MRA\" design.",
        },
    .run = run,
};

const Registration registration{dns_collab_edge_internal, 1060};

}  // namespace mra::checks
