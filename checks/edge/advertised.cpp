#include "checks/edge/advertised.hpp"

#include "facts/dns_names.hpp"
#include "util/address.hpp"

namespace mra::checks::advertised {
namespace {

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

std::vector<std::string> unresolved(const facts::Facts& facts, const std::vector<facts::EdgeServer>& servers) {
    std::vector<std::string> missing;
    for (const auto& server : servers)
        if (!server.address.empty() && !is_address_literal(server.address) &&
            (!facts.dns || !resolves(*facts.dns, server.address)))
            missing.push_back(server.address);
    return missing;
}

}  // namespace mra::checks::advertised
