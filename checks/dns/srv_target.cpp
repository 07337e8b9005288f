#include <set>

#include "checks/dns/lookup.hpp"
#include "probe/dns/names.hpp"
#include "util/text.hpp"

namespace mra::checks {
namespace {

using facts::DnsView;

// What is wrong with a target's name itself, before any lookup.
std::vector<std::string> name_problems(const std::string& target) {
    std::vector<std::string> problems;
    // Jabber needs the FQDN to use the Expressway-E's cookie (Cisco Jabber DNS Configuration Guide).
    if (target.find('.') == std::string::npos) problems.push_back("is not a fully qualified domain name");
    // Underscores in the Expressway-E host name break its SSH tunnels (MRA Deployment Guide, Troubleshooting).
    if (target.find('_') != std::string::npos) problems.push_back("contains '_', which Expressway-E host names must not");
    return problems;
}

void judge_target(const facts::DnsFacts& dns, Results& results, const std::string& target) {
    if (target == ".") {
        results.add(target, Status::fail, "the target \".\" declares the service unavailable (RFC 2782)");
        return;
    }
    std::vector<std::string> problems = name_problems(target);
    const facts::DnsQuery* a = dns.find(DnsView::external, target, "A");
    const facts::DnsQuery* aaaa = dns.find(DnsView::external, target, "AAAA");
    if (!a || !aaaa) {
        results.add(target, Status::error, "no A/AAAA lookup of the target was made in the " +
                                               dns::resolver_label(dns, DnsView::external));
        return;
    }
    Evidence evidence = {{"A", dns::evidence_of(*a)}, {"AAAA", dns::evidence_of(*aaaa)}};

    // RFC 2782: the target "must be the name of one or more address records, and must not be an alias".
    const auto& cnames = !a->cnames.empty() ? a->cnames : aaaa->cnames;
    if (!cnames.empty()) problems.push_back("is an alias (" + join(cnames) + "), not the name of an address record");

    std::vector<std::string> addresses = a->addresses;
    addresses.insert(addresses.end(), aaaa->addresses.begin(), aaaa->addresses.end());
    const bool looked_up = dns::is_clean(a->outcome) && dns::is_clean(aaaa->outcome);
    if (addresses.empty() && looked_up)
        problems.push_back("has no A or AAAA record (A: " + dns::describe(*a) + ", AAAA: " + dns::describe(*aaaa) + ")");

    if (!problems.empty()) {
        results.add(target, Status::fail, join(problems, "; "), evidence);
    } else if (addresses.empty()) {  // neither an address nor a clean negative: cannot tell
        const facts::DnsQuery& failed = dns::is_clean(a->outcome) ? *aaaa : *a;
        results.add(target, Status::error,
                    "could not look up " + failed.name + " " + failed.type + " through the " +
                        dns::resolver_label(dns, DnsView::external) + ": " + dns::describe(failed),
                    evidence);
    } else {
        evidence["addresses"] = addresses;
        results.add(target, Status::pass, "resolves to " + join(addresses), evidence);
    }
}

void run(const CheckContext& context, Results& results) {
    const facts::DnsFacts* dns = dns::dns_facts(context);
    if (!dns) return;
    const std::string name = dns::record_name(context, probe::dns::collab_edge);
    const facts::DnsQuery* query = dns::clean_query(*dns, results, DnsView::external, name, "SRV", name);
    if (!query) return;
    if (query->srv.empty()) {
        results.add(name, Status::not_applicable, "no _collab-edge record, so no target to judge (see dns.collab-edge)");
        return;
    }
    std::set<std::string> judged;  // one finding per target, in the records' RFC 2782 order
    for (const auto& record : query->srv)
        if (judged.insert(record.target).second) judge_target(*dns, results, record.target);
}

}  // namespace

extern const Check dns_srv_target{
    .info = {.id = "dns.srv-target",
             .summary = "Every _collab-edge SRV target is a fully qualified host name, without '_', that has its own "
                        "A or AAAA record (not '.', not a CNAME).",
             .citation = "RFC 2782 (Target); Cisco Jabber DNS Configuration Guide, Service (SRV) Records; Cisco MRA "
                         "Deployment Guide X12.5, Troubleshooting (underscores, public FQDN)",
             .severity = Severity::critical,
             .remediation = "Point each _collab-edge._tls record at the Expressway-E FQDN exactly as configured "
                            "(System host name + Domain name), publish A/AAAA records for that name in public DNS, "
                            "and never use an alias (CNAME) or a name with '_' as the target.",},
    .run = run,
};

}  // namespace mra::checks
