#include "checks/edge/advertised.hpp"

#include "checks/dns/lookup.hpp"
#include "checks/edge/sign_in.hpp"
#include "facts/dns_names.hpp"
#include "util/address.hpp"

namespace mra::checks::advertised {
namespace {

// The first A/AAAA lookup of `host` that failed rather than answered, when none answered.
const facts::DnsQuery* failed_lookup(const facts::DnsFacts& dns, const std::string& host) {
    const std::string name = facts::dns::canonical_name(host);
    const facts::DnsQuery* failed = nullptr;
    for (const char* type : {"A", "AAAA"}) {
        const auto* query = dns.find(facts::DnsView::external, name, type);
        if (query && query->outcome == facts::DnsOutcome::answer) return nullptr;
        if (query && !failed && !dns::is_clean(query->outcome)) failed = query;
    }
    return failed;
}

bool resolves(const facts::DnsFacts& dns, const std::string& host) {
    const std::string name = facts::dns::canonical_name(host);
    for (const char* type : {"A", "AAAA"})
        if (const auto* query = dns.find(facts::DnsView::external, name, type);
            query && query->outcome == facts::DnsOutcome::answer)
            return true;
    return false;
}

}  // namespace

std::vector<std::string> names(const std::vector<facts::EdgeServer>& servers) {
    std::vector<std::string> listed;
    for (const auto& server : servers)
        if (!server.address.empty()) listed.push_back(server.address + ":" + std::to_string(server.port));
    return listed;
}

Lookups look_up(const facts::Facts& facts, const std::vector<facts::EdgeServer>& servers) {
    Lookups lookups;
    for (const auto& server : servers) {
        if (server.address.empty() || is_address_literal(server.address)) continue;
        if (facts.dns && resolves(*facts.dns, server.address)) continue;
        if (const auto* failed = facts.dns ? failed_lookup(*facts.dns, server.address) : nullptr)
            lookups.failed.push_back(server.address + " (" + failed->type + ": " + dns::describe(*failed) + ")");
        else
            lookups.unresolved.push_back(server.address);
    }
    return lookups;
}

bool report_unprobed(const CheckContext& context, Results& results, bool probed_any, const std::string& element,
                     const std::string& see) {
    const auto& facts = context.facts();
    if (!facts.dns) return true;
    if (probed_any) return false;
    if (!facts.sign_in) {  // the targets were the Expressway-Es themselves, on the standard port
        results.add(facts::dns::service_name(facts::dns::collab_edge, facts.target), Status::not_run,
                    facts.edges.empty() ? "no Expressway-E discovered: nothing to connect to"
                                        : "no Expressway-E has an address to connect to (see dns.srv-target)");
        return true;
    }
    sign_in::for_each_config(context, results, [&](const facts::EdgeSession&, const std::string& subject) {
        results.add(subject, Status::not_run, "get_edge_config lists no " + element + " (see " + see + ")");
    });
    return true;
}

}  // namespace mra::checks::advertised
