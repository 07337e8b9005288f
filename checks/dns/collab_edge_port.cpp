#include "checks/dns/lookup.hpp"
#include "facts/dns_names.hpp"
#include "util/text.hpp"

namespace mra::checks {
namespace {

// Expressway-E serves MRA HTTPS (get_edge_config and everything tunnelled behind it) on 8443.
constexpr std::uint16_t mra_port = 8443;

void run(const CheckContext& context, Results& results) {
    const facts::DnsFacts* dns = dns::dns_facts(context);
    if (!dns) return;
    const std::string name = dns::record_name(context, facts::dns::collab_edge);
    const facts::DnsQuery* query = dns::clean_query(*dns, results, facts::DnsView::external, name, "SRV", name);
    if (!query) return;
    const auto records = dns::offered(*query);
    if (records.empty()) {  // downstream of dns.collab-edge's failure: not run rather than fail again
        results.add(name, Status::not_run, "no _collab-edge record whose port could be checked (see dns.collab-edge)");
        return;
    }
    std::vector<std::string> wrong;
    for (const auto& record : records)
        if (record.port != mra_port) wrong.push_back(record.target + " on port " + std::to_string(record.port));
    const Evidence evidence = dns::evidence_of(*query);
    if (wrong.empty())
        results.add(name, Status::pass, "every record uses port 8443", evidence);
    else
        results.add(name, Status::fail, "not port 8443: " + join(wrong), evidence);
}

}  // namespace

extern const Check dns_collab_edge_port{
    .info =
        {
            .id = "dns.collab-edge-port",
            .summary = "Every _collab-edge._tls SRV record points at port 8443.",
            .citation = "Cisco MRA Deployment Guide X15.0, MRA Requirements (DNS); Expressway IP Port Usage Guide "
                        "X15.0, Mobile and Remote Access",
            .severity = Severity::major,
            .remediation = "Set the port of every _collab-edge._tls.<domain> record to 8443, where Expressway-E "
                           "serves MRA; clients connect to the port the record names.",
        },
    .run = run,
};

const Registration registration{dns_collab_edge_port, 1020};

}  // namespace mra::checks
